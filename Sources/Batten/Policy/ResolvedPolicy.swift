/// A policy with its `extends` chain applied: what the auditor runs.
public struct ResolvedPolicy: Sendable {
    public var name: String
    /// Origins of the chain, the base first (`builtin:baseline`, …, `./.batten.yaml`).
    public var chain: [String]
    public var rules: [String: RuleSettings]
    public var exemptions: [Exemption]
    public var failOn: Severity
    public var pssVersion: PSSVersion
    /// The built-in image profiles under those of the chain's `image-profiles` directories and of
    /// `--image-profiles`.
    public var imageProfiles: ImageProfileLibrary
    /// True when the policy has the decisions applied by `override` and `fix --include review`
    /// (`apply-decisions: true`): its authors decided them for every project it governs.
    public var appliesDecisions: Bool = false

    public init(
        name: String, chain: [String], rules: [String: RuleSettings], exemptions: [Exemption], failOn: Severity = .high,
        pssVersion: PSSVersion = .latest, imageProfiles: ImageProfileLibrary = .builtIn
    ) {
        self.name = name
        self.chain = chain
        self.rules = rules
        self.exemptions = exemptions
        self.failOn = failOn
        self.pssVersion = pssVersion
        self.imageProfiles = imageProfiles
    }

    /// Applies `policy` over `base` (nil for the root of the chain).
    public static func applying(_ policy: Policy, over base: ResolvedPolicy?) -> ResolvedPolicy {
        var rules = base?.rules ?? [:]
        for (id, settings) in policy.rules {
            rules[id] = settings.over(rules[id] ?? RuleSettings())
        }
        var resolved = ResolvedPolicy(
            name: policy.name, chain: (base?.chain ?? []) + [policy.origin], rules: rules,
            exemptions: (base?.exemptions ?? []) + policy.exemptions,
            failOn: policy.failOn ?? base?.failOn ?? .high, pssVersion: policy.pssVersion ?? base?.pssVersion ?? .latest,
            imageProfiles: base?.imageProfiles ?? .builtIn)
        resolved.appliesDecisions = policy.appliesDecisions ?? base?.appliesDecisions ?? false
        return resolved
    }

    /// A policy that runs exactly the given rules with their defaults (for tests and examples).
    public static func only(_ rules: [any Rule.Type], parameters: [String: ParameterValue] = [:]) -> ResolvedPolicy {
        var table: [String: RuleSettings] = [:]
        for rule in rules {
            let own = parameters.filter { name, _ in rule.description.parameter(name) != nil }
            table[rule.description.id] = RuleSettings(enabled: true, parameters: own)
        }
        return ResolvedPolicy(name: "custom", chain: [], rules: table, exemptions: [])
    }

    /// True when the rule is enabled.
    public func isEnabled(_ id: String) -> Bool { rules[id]?.enabled == true }

    /// The enabled rules with their contexts and the formats they run on, in registry order.
    public func enabledRules(from registry: [any Rule.Type] = RuleRegistry.all) -> [EnabledRule] {
        registry.compactMap { type in
            let description = type.description
            guard let settings = rules[description.id], settings.enabled == true else { return nil }
            let context = RuleContext(
                rule: description, overrides: settings.parameters, severity: settings.severity, pssVersion: pssVersion,
                imageProfiles: imageProfiles)
            let formats = settings.formats ?? description.formats
            return EnabledRule(rule: type.init(), context: context, formats: Set(formats))
        }
    }
}

/// A rule as a policy runs it.
public struct EnabledRule: Sendable {
    public var rule: any Rule
    public var context: RuleContext
    public var formats: Set<InputFormat>
}
