/// `batten config` for a Compose project: the normalized merged model as JSON, shaped like
/// `docker compose config --format json` for the keys Batten models.
public enum ComposeConfigJSON {
    public static func render(_ project: ComposeLoadResult) -> JSONValue {
        .object([])
    }
}
