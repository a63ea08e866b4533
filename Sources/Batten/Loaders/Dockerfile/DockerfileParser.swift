/// What Batten needs to know from a Dockerfile: the final stage's base image, effective `USER`,
/// `HEALTHCHECK`, `EXPOSE`, `WORKDIR` and the destinations it copies files to, each with the line
/// that decided it.
///
/// Only what is needed is parsed: the `escape` parser directive, comments, line continuations,
/// `FROM … AS name` stages (a stage built on an earlier one inherits its settings), `ARG` values
/// (global and per stage, overridden by build arguments) substituted into `FROM` (global ones only,
/// as Docker does), `USER`, `WORKDIR` and `COPY`/`ADD` destinations, and the instructions above.
/// Anything else is skipped; nothing is linted.
public struct DockerfileFacts: Sendable, Hashable {
    public struct Located: Sendable, Hashable {
        public var value: String
        /// 1-based line of the instruction.
        public var line: Int

        public init(value: String, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public var path: String
    /// The stage that was analysed (its name, or its index for unnamed stages).
    public var stage: String?
    /// The effective `USER` of that stage, after `ARG` substitution; nil when no stage sets one
    /// (the base image's user applies).
    public var user: Located?
    /// The effective `HEALTHCHECK`: `NONE`, or the command; nil when none is set.
    public var healthcheck: Located?
    /// `EXPOSE` entries of the stage and the stages it builds on.
    public var exposedPorts: [Located]
    /// The image the stage is built on, after `ARG` substitution and following `FROM` an earlier
    /// stage to that stage's base (`nginx:1.27`); nil for `scratch` or when it cannot be resolved.
    /// Its line is the `FROM` that names the image.
    public var base: Located?
    /// The effective `WORKDIR` (absolute), inherited from earlier stages like `USER`.
    public var workdir: Located?
    /// Absolute destinations of the `COPY` and `ADD` instructions of the stage and the stages it
    /// builds on that copy from the build context (not `--from` another stage), resolved against
    /// `WORKDIR` (`COPY . .` → `/app`).
    public var copyDestinations: [Located]

    public init(
        path: String, stage: String?, user: Located?, healthcheck: Located?, exposedPorts: [Located],
        base: Located? = nil, workdir: Located? = nil, copyDestinations: [Located] = []
    ) {
        self.path = path
        self.stage = stage
        self.user = user
        self.healthcheck = healthcheck
        self.exposedPorts = exposedPorts
        self.base = base
        self.workdir = workdir
        self.copyDestinations = copyDestinations
    }

    /// True when `healthcheck` is a real check (not `NONE`).
    public var hasHealthcheck: Bool {
        guard let healthcheck else { return false }
        return healthcheck.value.uppercased() != "NONE"
    }
}

public enum DockerfileParser {
    /// Parses `text`. `target` selects a stage by name (`build.target`); `buildArguments` override
    /// `ARG` defaults (`build.args`).
    public static func parse(
        _ text: String, path: String, target: String? = nil, buildArguments: [String: String] = [:]
    ) -> DockerfileFacts {
        let instructions = Instructions.read(text)
        var globalArguments: [String: String] = [:]
        var stages: [Stage] = []
        var current: Stage?
        for instruction in instructions {
            switch instruction.keyword {
            case "FROM":
                if let stage = current { stages.append(stage) }
                current = Stage.starting(instruction, index: stages.count, previous: stages, arguments: globalArguments)
            case "ARG":
                for (name, value) in Self.argumentDeclarations(instruction.arguments) {
                    let scope = current?.arguments ?? globalArguments
                    let resolved = buildArguments[name] ?? value.map { substitute($0, scope) }
                    if current == nil {
                        globalArguments[name] = resolved ?? globalArguments[name]
                    } else {
                        current?.arguments[name] = resolved ?? globalArguments[name] ?? ""
                    }
                }
            case "USER":
                guard current != nil else { continue }
                let arguments = current?.arguments ?? [:]
                let user = substitute(instruction.arguments.trimmingWhitespace, arguments)
                current?.user = DockerfileFacts.Located(value: user, line: instruction.line)
            case "HEALTHCHECK":
                guard current != nil else { continue }
                current?.healthcheck = DockerfileFacts.Located(value: healthcheckCommand(instruction.arguments), line: instruction.line)
            case "WORKDIR":
                guard current != nil else { continue }
                let arguments = current?.arguments ?? [:]
                let directory = substitute(unquoted(instruction.arguments.trimmingWhitespace), arguments)
                guard !directory.isEmpty else { continue }
                let resolved = absolutePath(directory, against: current?.workdir?.value)
                current?.workdir = DockerfileFacts.Located(value: resolved, line: instruction.line)
            case "COPY", "ADD":
                guard current != nil, let destination = copyDestination(instruction.arguments) else { continue }
                let arguments = current?.arguments ?? [:]
                let resolved = absolutePath(substitute(destination, arguments), against: current?.workdir?.value)
                current?.copies.append(DockerfileFacts.Located(value: resolved, line: instruction.line))
            case "EXPOSE":
                guard current != nil else { continue }
                let arguments = current?.arguments ?? [:]
                for port in instruction.arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    current?.exposed.append(DockerfileFacts.Located(value: substitute(String(port), arguments), line: instruction.line))
                }
            default:
                continue
            }
        }
        if let stage = current { stages.append(stage) }
        let chosen = target.flatMap { name in stages.last { $0.name?.lowercased() == name.lowercased() } } ?? stages.last
        return DockerfileFacts(
            path: path, stage: chosen.map { $0.name ?? String($0.index) }, user: chosen?.user,
            healthcheck: chosen?.healthcheck, exposedPorts: chosen?.exposed ?? [], base: chosen?.base,
            workdir: chosen?.workdir, copyDestinations: chosen?.copies ?? [])
    }

    /// `NONE`, or the command after the options (`--interval=30s CMD curl -f …` → `CMD curl -f …`).
    static func healthcheckCommand(_ arguments: String) -> String {
        let words = arguments.trimmingWhitespace.split(separator: " ", omittingEmptySubsequences: true)
        let rest = words.drop { $0.hasPrefix("--") }
        return rest.joined(separator: " ")
    }

    /// The destination of a `COPY` or `ADD` that copies from the build context or a URL; nil for
    /// `--from` (another stage or image) and for an instruction without source and destination.
    /// Handles the JSON form (`["a", "b", "/dest/"]`) and options (`--chown=…`, `--link`).
    static func copyDestination(_ arguments: String) -> String? {
        let trimmed = arguments.trimmingWhitespace
        var words: [String]
        if trimmed.hasPrefix("--") || !trimmed.contains("[") {
            words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        } else {
            words = []
        }
        let options = words.prefix { $0.hasPrefix("--") }
        if options.contains(where: { $0.lowercased().hasPrefix("--from") }) { return nil }
        let rest = words.isEmpty ? trimmed : words.dropFirst(options.count).joined(separator: " ")
        if rest.hasPrefix("[") {
            let items = jsonStrings(rest)
            guard items.count >= 2, let last = items.last, !last.isEmpty else { return nil }
            return last
        }
        let operands = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard operands.count >= 2, let last = operands.last else { return nil }
        return unquoted(last)
    }

    /// The strings of a JSON array of strings (`["a", "b c"]` → a, b c), without escapes beyond `\"`
    /// and `\\`; empty when it is not one.
    static func jsonStrings(_ text: String) -> [String] {
        var items: [String] = []
        var current: String?
        var escaped = false
        for character in text {
            if var item = current {
                if escaped {
                    item.append(character)
                    escaped = false
                    current = item
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    items.append(item)
                    current = nil
                } else {
                    item.append(character)
                    current = item
                }
            } else if character == "\"" {
                current = ""
            }
        }
        return current == nil ? items : []
    }

    /// `"/app"` or `'/app'` → `/app`.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// `path` made absolute against `directory` (the root when nil) and normalised: no `.`, `..`,
    /// empty or trailing components (`src/.` under `/app` → `/app/src`).
    static func absolutePath(_ path: String, against directory: String?) -> String {
        let joined = path.hasPrefix("/") ? path : (directory ?? "/") + "/" + path
        var components: [Substring] = []
        for component in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// `ARG A=1 B` → [(A, "1"), (B, nil)].
    static func argumentDeclarations(_ text: String) -> [(String, String?)] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
            if let equals = word.firstIndex(of: "=") {
                var value = String(word[word.index(after: equals)...])
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = String(value.dropFirst().dropLast())
                }
                return (String(word[..<equals]), value)
            }
            return (String(word), nil)
        }
    }

    /// Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alt}` from `arguments`.
    static func substitute(_ text: String, _ arguments: [String: String]) -> String {
        var output = ""
        var characters = Substring(text)
        while let dollar = characters.firstIndex(of: "$") {
            output += characters[..<dollar]
            var rest = characters[characters.index(after: dollar)...]
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                let body = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if let range = body.range(of: ":-") {
                    let name = String(body[..<range.lowerBound])
                    let value = arguments[name] ?? ""
                    output += value.isEmpty ? String(body[range.upperBound...]) : value
                } else if let range = body.range(of: ":+") {
                    let name = String(body[..<range.lowerBound])
                    output += (arguments[name] ?? "").isEmpty ? "" : String(body[range.upperBound...])
                } else {
                    output += arguments[String(body)] ?? ""
                }
            } else {
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if name.isEmpty {
                    output += "$"
                } else {
                    output += arguments[String(name)] ?? ""
                }
                rest = rest.dropFirst(name.count)
            }
            characters = rest
        }
        return output + characters
    }

    private struct Stage {
        var index: Int
        var name: String?
        var arguments: [String: String] = [:]
        var user: DockerfileFacts.Located?
        var healthcheck: DockerfileFacts.Located?
        var exposed: [DockerfileFacts.Located] = []
        var base: DockerfileFacts.Located?
        var workdir: DockerfileFacts.Located?
        var copies: [DockerfileFacts.Located] = []

        /// A new stage; one built `FROM` an earlier stage inherits its base image, user, health
        /// check, ports, working directory and copied files. `arguments` are the global `ARG`s,
        /// the only ones `FROM` sees.
        static func starting(_ instruction: Instruction, index: Int, previous: [Stage], arguments: [String: String]) -> Stage {
            let words = instruction.arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                .filter { !$0.hasPrefix("--") }
            var stage = Stage(index: index)
            if words.count >= 3, words[1].uppercased() == "AS" { stage.name = words[2] }
            guard let word = words.first else { return stage }
            let image = DockerfileParser.substitute(word, arguments)
            if let parent = previous.last(where: { $0.name?.lowercased() == image.lowercased() }) {
                stage.base = parent.base
                stage.user = parent.user
                stage.healthcheck = parent.healthcheck
                stage.exposed = parent.exposed
                stage.workdir = parent.workdir
                stage.copies = parent.copies
            } else if isImageReference(image) {
                stage.base = DockerfileFacts.Located(value: image, line: instruction.line)
            }
            return stage
        }

        /// False for `scratch` and for what an unset argument leaves (`nginx:`, ``, `:1.27`).
        static func isImageReference(_ image: String) -> Bool {
            guard !image.isEmpty, image.lowercased() != "scratch", !image.contains("$") else { return false }
            guard let first = image.first, first != ":", first != "@", first != "/" else { return false }
            return !image.hasSuffix(":") && !image.hasSuffix("@") && !image.hasSuffix("/")
        }
    }
}

/// One instruction with its continuation lines joined.
struct Instruction {
    var keyword: String
    var arguments: String
    var line: Int
}

enum Instructions {
    /// The instructions of a Dockerfile: parser directives read, comments dropped, continuation lines
    /// (the escape character at the end of a line) joined, empty lines inside a continuation skipped
    /// as Docker does, and here-document bodies (`RUN <<EOF` … `EOF`) passed over.
    static func read(_ text: String) -> [Instruction] {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var escape: Character = "\\"
        var index = 0
        // Parser directives: `# name=value` lines before anything else.
        while index < lines.count {
            let line = lines[index].drop { $0 == " " || $0 == "\t" }
            guard line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { break }
            let name = line.dropFirst()[..<equals].trimmingCharacters(in: " \t").lowercased()
            guard !name.isEmpty, !name.contains(" ") else { break }
            if name == "escape", let value = line[line.index(after: equals)...].trimmingCharacters(in: " \t").first,
                value == "`" || value == "\\"
            {
                escape = value
            }
            index += 1
        }
        var instructions: [Instruction] = []
        var pending = ""
        var startLine = 0
        var heredocs: [(word: String, stripsTabs: Bool)] = []
        while index < lines.count {
            var line = String(lines[index])
            let lineNumber = index + 1
            index += 1
            if let heredoc = heredocs.first {
                let candidate = heredoc.stripsTabs ? String(line.drop { $0 == "\t" }) : line
                if candidate == heredoc.word { heredocs.removeFirst() }
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") { continue }
            if pending.isEmpty {
                if trimmed.isEmpty { continue }
                startLine = lineNumber
            } else if trimmed.isEmpty {
                continue
            }
            var continues = false
            let end = line.trimmingTrailingWhitespace
            if end.last == escape {
                continues = true
                line = String(end.dropLast())
            }
            pending += (pending.isEmpty ? "" : " ") + line
            if continues { continue }
            if let instruction = parse(pending, line: startLine) {
                instructions.append(instruction)
                heredocs = hereDocuments(in: instruction)
            }
            pending = ""
        }
        if !pending.isEmpty, let instruction = parse(pending, line: startLine) { instructions.append(instruction) }
        return instructions
    }

    /// The here-documents an instruction opens (`RUN <<EOF`, `COPY <<-"END" /x`), in order: their
    /// bodies follow the instruction and are not instructions.
    static func hereDocuments(in instruction: Instruction) -> [(word: String, stripsTabs: Bool)] {
        guard ["RUN", "COPY", "ADD"].contains(instruction.keyword) else { return [] }
        var result: [(word: String, stripsTabs: Bool)] = []
        var rest = Substring(instruction.arguments)
        while let range = rest.range(of: "<<") {
            var after = rest[range.upperBound...]
            let stripsTabs = after.first == "-"
            if stripsTabs { after = after.dropFirst() }
            var word = after.prefix { !$0.isWhitespace && $0 != ";" && $0 != "&" && $0 != "|" && $0 != ">" && $0 != "<" }
            rest = after.dropFirst(word.count)
            if let quote = word.first, quote == "\"" || quote == "'", word.count >= 2, word.last == quote {
                word = word.dropFirst().dropLast()
            }
            guard let first = word.first, first.isLetter || first == "_",
                word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else { continue }
            result.append((String(word), stripsTabs))
        }
        return result
    }

    private static func parse(_ text: String, line: Int) -> Instruction? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let keyword = trimmed.prefix { !$0.isWhitespace }
        guard !keyword.isEmpty else { return nil }
        let arguments = trimmed.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
        return Instruction(keyword: keyword.uppercased(), arguments: String(arguments), line: line)
    }
}
