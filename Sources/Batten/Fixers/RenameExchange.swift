import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Swaps two names of one directory tree atomically: Linux's `renameat2(…, RENAME_EXCHANGE)`. A
/// replacement that must not win over a concurrent edit swaps the new file in first and checks the
/// old one afterwards, so that no edit can slip in between the check and the replacement.
///
/// The call is looked up at run time: the C library may not have it (before glibc 2.28, or another
/// C library), the kernel may not (before 3.15: `ENOSYS`), and the filesystem may not support it
/// (`EINVAL`, as some network and FUSE filesystems answer). Callers then fall back to a check
/// followed by `rename`, which leaves the window open.
enum RenameExchange {
    /// What a swap did.
    enum Outcome: Equatable {
        /// Each name now holds what the other held.
        case swapped
        /// The system cannot swap here; nothing changed.
        case unavailable
        /// The swap failed for another reason (`errno`); nothing changed.
        case failed(Int32)
    }

    private typealias Function = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// `RENAME_EXCHANGE` of `<linux/fs.h>`, which the Swift overlay of the C library does not import.
    private static let exchangeFlag: UInt32 = 1 << 1

    #if os(Linux)
    private static let function: Function? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()
    #else
    private static let function: Function? = nil
    #endif

    /// Swaps the files at `first` and `second`; both must exist.
    static func swap(_ first: String, _ second: String) -> Outcome {
        guard let function else { return .unavailable }
        if function(AT_FDCWD, first, AT_FDCWD, second, exchangeFlag) == 0 { return .swapped }
        let code = errno
        if code == EINVAL || code == ENOSYS || code == EOPNOTSUPP || code == ENOTSUP { return .unavailable }
        return .failed(code)
    }
}
