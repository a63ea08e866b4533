import ArgumentParser
import Batten

extension ComposeSecretSource: ExpressibleByArgument {}

/// `--secret-source`: where the Compose secrets that plaintext secrets move to take their values.
struct SecretSourceOption: ParsableArguments {
    @Option(
        name: .customLong("secret-source"),
        help:
            "Compose: where a plaintext secret moved to a Compose secret is read from: `file` (./secrets/NAME.txt, the default) or `environment` (a variable of docker compose's environment)."
    )
    var secretSource: ComposeSecretSource = .file
}
