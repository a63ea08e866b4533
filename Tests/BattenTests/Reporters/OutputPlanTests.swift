import Batten
import Testing

@Suite struct OutputPlanTests {
    @Test func noFormatIsTextToStandardOutput() throws {
        let plan = try OutputPlan(formats: [], paths: [])
        #expect(plan.outputs == [OutputPlan.Output(format: .text, destination: .standardOutput)])
    }

    @Test func outputsPairByPosition() throws {
        let plan = try OutputPlan(formats: [.sarif, .junit, .text], paths: ["a.sarif", "b.xml"])
        #expect(plan.outputs.map(\.format) == [.sarif, .junit, .text])
        #expect(plan.outputs.map(\.destination) == [.file("a.sarif"), .file("b.xml"), .standardOutput])
    }

    @Test func dashIsStandardOutput() throws {
        let plan = try OutputPlan(formats: [.json, .sarif], paths: ["-", "x.sarif"])
        #expect(plan.outputs.map(\.destination) == [.standardOutput, .file("x.sarif")])
    }

    @Test func mistakesAreRefused() {
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.json, .sarif], paths: []) }
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.json], paths: ["a", "b"]) }
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.json, .sarif], paths: ["a", "a"]) }
        #expect(throws: OutputPlanError.self) { try OutputPlan(formats: [.json, .text], paths: ["-"]) }
    }
}
