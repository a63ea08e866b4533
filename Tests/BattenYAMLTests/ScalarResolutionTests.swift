import Testing

@testable import BattenYAML

@Suite("Scalar resolution")
struct ScalarResolutionTests {
    static let trueWords = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"]
    static let falseWords = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"]

    @Test(arguments: trueWords)
    func yaml11True(text: String) {
        #expect(ScalarResolution.plainType(text) == .bool)
        #expect(ScalarResolution.bool(text) == true)
    }

    @Test(arguments: falseWords)
    func yaml11False(text: String) {
        #expect(ScalarResolution.plainType(text) == .bool)
        #expect(ScalarResolution.bool(text) == false)
    }

    @Test(arguments: ["tRUE", "yES", "oN", "Nope", "yess", "onn", "t", "f", "T", "F", "truthy", "offline", "0", "1"])
    func notBooleans(text: String) {
        #expect(ScalarResolution.bool(text) == nil)
        #expect(ScalarResolution.plainType(text) != .bool)
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func nulls(text: String) {
        #expect(ScalarResolution.plainType(text) == .null)
        #expect(ScalarResolution.isNull(text))
    }

    @Test(arguments: ["nULL", "nil", "None", "~~", "none"])
    func notNulls(text: String) {
        #expect(ScalarResolution.plainType(text) == .string)
        #expect(!ScalarResolution.isNull(text))
    }

    @Test(arguments: [
        ("0", 0), ("42", 42), ("-17", -17), ("+8", 8), ("1_000", 1000), ("1_000_000", 1_000_000),
        ("0755", 493), ("0o17", 15), ("0x1F", 31), ("0x1f", 31), ("-0x10", -16), ("0b1010", 10),
        ("190:20:30", 685_230), ("22:22", 1342), ("-1:30", -90),
        ("0X1F", 31), ("0O17", 15), ("0B11", 3), ("-_1", -1), ("1__0", 10), ("+0x_1F", 31), ("1_90:20:30", 685_230),
    ])
    func integers(text: String, value: Int) {
        #expect(ScalarResolution.plainType(text) == .int)
        #expect(ScalarResolution.int(text) == value)
    }

    @Test(arguments: [
        "1.5", "1e3", "1E3", "1e+3", "-1.5e-3", ".5", "5.", "+.5", ".inf", "-.inf", "+.INF", ".Inf", ".nan", ".NaN", ".NAN", "190:20:30.15", "1_000.5", "1e1_0",
        "-_1.5",
    ])
    func floats(text: String) {
        #expect(ScalarResolution.plainType(text) == .float)
        #expect(ScalarResolution.int(text) == nil)
    }

    @Test(arguments: ["2001-12-14", "2024-01-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z"])
    func timestamps(text: String) {
        #expect(ScalarResolution.plainType(text) == .timestamp)
    }

    @Test(arguments: ["<<", "="])
    func specialKeys(text: String) {
        #expect(ScalarResolution.plainType(text) == .special)
    }

    @Test(arguments: [
        "nginx", "nginx:1.25", "1000:1000", "/var/run/docker.sock", "ALL", "NET_ADMIN", "1.2.3", "v1.25", "1e", "e3",
        "0x", "0xZZ", "1:60", "12:3:456", "-", "+", ".", "..", "1-2", "2024-01", "20240101x", "1.5.x", "~/x",
        "< <", "<<<", "==", "inf", "nan", "_1", "0b102", "0o19", "yes please", "null value", "8080:80/tcp", "0x_", "-_", "0X", "0xG", "-.nan", "1:é.",
        "1:2.\u{301}",
    ])
    func strings(text: String) {
        #expect(ScalarResolution.plainType(text) == .string)
        #expect(ScalarResolution.readsBackAsString(text))
    }

    @Test func intOfANonInteger() {
        #expect(ScalarResolution.int("12a") == nil)
        #expect(ScalarResolution.int("1.5") == nil)
        #expect(ScalarResolution.int("") == nil)
    }

    @Test(arguments: [
        ("a: yes", ScalarType.bool),
        ("a: 'yes'", .string),
        ("a: \"0755\"", .string),
        ("a: 0755", .int),
        ("a: |\n  yes\n", .string),
        ("a: ~", .null),
        ("a:", .null),
        ("a: !!str yes", .string),
        ("a: !!bool 'yes'", .bool),
        ("a: !!null ''", .null),
        ("a: !!float '1'", .float),
        ("a: 1.5", .float),
        ("a: 2024-01-01", .timestamp),
        ("a: text", .string),
    ])
    func scalarTypeOfANode(text: String, type: ScalarType) throws {
        let document = try parseSingleDocument(text)
        #expect(document.scalarType(try document.node(at: "a")) == type)
    }

    @Test func scalarTypeOfACollectionIsNil() throws {
        let document = try parseSingleDocument("a: [1]\n")
        #expect(document.scalarType(try document.node(at: "a")) == nil)
    }

    @Test func boolOfANodeFollowsAliases() throws {
        let document = try parseSingleDocument("a: &x on\nb: *x\nc: 'on'\nd: Off\ne: 1\n")
        let root = try #require(document.root)
        let alias = try #require(document.value(forKey: "b", in: root))
        #expect(document.bool(alias) == true)
        #expect(document.bool(try document.node(at: "c")) == nil)
        #expect(document.bool(try document.node(at: "d")) == false)
        #expect(document.bool(try document.node(at: "e")) == nil)
        #expect(document.isNull(try document.node(at: "e")) == false)
    }

    @Test(arguments: [
        ("a: 1", YAMLValue.literal("1")),
        ("a: '1'", .string("1")),
        ("a: yes", .literal("yes")),
        ("a: text", .string("text")),
        ("a: !!str 0755", .string("0755", tag: "!!str")),
        ("a: !!int '7'", YAMLValue(.scalar("7", .string), tag: "!!int")),
        ("a:", .literal("")),
    ])
    func scalarKindOfAValue(text: String, value: YAMLValue) throws {
        let document = try parseSingleDocument(text)
        #expect(document.value(try document.node(at: "a")) == value)
    }

    /// Plain decimals are read from the bytes; every text must get what the general reading gives:
    /// digits with signs, leading zeros (1.1 octal), underscores, prefixes and overflow.
    @Test func plainDecimalsReadAsTheGeneralWayReadsThem() {
        let pieces = ["0", "1", "7", "9", "5", "-", "+", "_", "x", "8", ":", "12345678901", "a", " "]
        var generator = SplitMix64(seed: 23)
        var texts = [
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "999999999999999999",
            "1000000000000000000", "-0", "+0", "00", "-", "+", "",
        ]
        for _ in 0..<3000 {
            texts.append(
                (0..<Int.random(in: 1..<9, using: &generator)).map { _ in
                    pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                }.joined())
        }
        for text in texts {
            #expect(ScalarResolution.int(text) == ScalarResolution.generalInt(text), "\(text.debugDescription)")
        }
    }
}
