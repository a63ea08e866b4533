import Dispatch

/// Runs the jobs of the kustomize tool's tasks on a dispatch queue of their own, so that a thread
/// of the shared cooperative pool may wait for a rendering without starving it.
final class KustomizeProcessExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = KustomizeProcessExecutor()

    private let queue = DispatchQueue(label: "batten.kustomize", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
