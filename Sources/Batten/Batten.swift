/// Batten's version, printed by `batten --version` and written into reports.
public enum BattenVersion {
    public static let current = "0.1.0"
}
