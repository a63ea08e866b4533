import Testing

@testable import Batten

/// What the Dockerfile reader takes from a Dockerfile: the final stage's (or `target`'s) USER,
/// HEALTHCHECK and EXPOSE with their lines, ARG substitution, the escape directive, continuations.
struct DockerfileParserTests {
    static func parse(_ text: String, target: String? = nil, arguments: [String: String] = [:]) -> DockerfileFacts {
        DockerfileParser.parse(text, path: "Dockerfile", target: target, buildArguments: arguments)
    }

    @Test func multiStageUsesTheFinalStage() {
        let facts = Self.parse(
            """
            FROM golang:1.23 AS build
            USER builder
            HEALTHCHECK CMD true
            EXPOSE 9999
            RUN go build -o /app .

            FROM gcr.io/distroless/static AS runtime
            COPY --from=build /app /app
            USER 65532:65532
            EXPOSE 8080
            """)
        #expect(facts.stage == "runtime")
        #expect(facts.user == DockerfileFacts.Located(value: "65532:65532", line: 9))
        #expect(facts.healthcheck == nil, "the build stage's HEALTHCHECK does not reach the final stage")
        #expect(facts.exposedPorts.map(\.value) == ["8080"])
        #expect(facts.exposedPorts.first?.line == 10)
    }

    @Test func targetSelectsAStageAndStagesInheritFromEachOther() {
        let text = """
            FROM python:3.12-slim AS base
            USER app
            HEALTHCHECK --interval=30s CMD python -c 'print(1)'
            EXPOSE 8000

            FROM base AS debug
            USER root
            HEALTHCHECK NONE

            FROM base AS production
            EXPOSE 9000
            """
        let debug = Self.parse(text, target: "debug")
        #expect(debug.stage == "debug")
        #expect(debug.user == DockerfileFacts.Located(value: "root", line: 7))
        #expect(debug.healthcheck == DockerfileFacts.Located(value: "NONE", line: 8))
        #expect(!debug.hasHealthcheck)

        let production = Self.parse(text, target: "Production")
        #expect(production.stage == "production", "stage names compare without case")
        #expect(production.user == DockerfileFacts.Located(value: "app", line: 2), "inherited from base")
        #expect(production.healthcheck?.value == "CMD python -c 'print(1)'")
        #expect(production.hasHealthcheck)
        #expect(production.exposedPorts.map(\.value) == ["8000", "9000"])

        #expect(Self.parse(text, target: "missing").stage == "production", "an unknown target falls back to the last stage")
    }

    @Test func userTakesArgValuesAndBuildArguments() {
        let text = """
            ARG UID=1000
            FROM alpine:3.20
            ARG UID
            ARG GID=${UID}
            USER ${UID}:$GID
            """
        #expect(Self.parse(text).user?.value == "1000:1000", "the global default, re-declared in the stage")
        #expect(Self.parse(text, arguments: ["UID": "0"]).user?.value == "0:0", "build args override ARG defaults")
        #expect(Self.parse(text, arguments: ["GID": "2000"]).user?.value == "1000:2000")

        let undeclared = Self.parse(
            """
            FROM alpine:3.20
            USER ${APP_USER:-nobody}
            """, arguments: ["APP_USER": "root"])
        #expect(undeclared.user?.value == "nobody", "a build arg without an ARG does not reach USER")

        let notRedeclared = Self.parse(
            """
            ARG UID=1000
            FROM alpine:3.20
            USER $UID
            """)
        #expect(notRedeclared.user?.value == "", "a global ARG is not visible in a stage that does not declare it")
    }

    @Test func rootUsers() {
        #expect(Self.parse("FROM alpine\nUSER 0\n").user == DockerfileFacts.Located(value: "0", line: 2))
        #expect(Self.parse("FROM alpine\nUSER root:root\n").user?.value == "root:root")
        #expect(Self.parse("from alpine\nuser   app  \n").user?.value == "app", "instructions are case-insensitive")
        #expect(Self.parse("FROM alpine\n").user == nil)
    }

    @Test func healthcheckNone() {
        let facts = Self.parse("FROM nginx:1.27\nHEALTHCHECK NONE\n")
        #expect(facts.healthcheck == DockerfileFacts.Located(value: "NONE", line: 2))
        #expect(!facts.hasHealthcheck)
        let options = Self.parse("FROM nginx:1.27\nHEALTHCHECK --interval=5s --timeout=3s \\\n  CMD curl -f http://localhost/\n")
        #expect(options.healthcheck == DockerfileFacts.Located(value: "CMD curl -f http://localhost/", line: 2))
    }

    @Test func escapeDirectiveAndContinuations() {
        let facts = Self.parse(
            """
            # syntax=docker/dockerfile:1
            # escape=`
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            RUN echo one `
                && echo two
            USER `
              ContainerUser
            HEALTHCHECK CMD ping -n 1 127.0.0.1 \\
            """)
        #expect(facts.user == DockerfileFacts.Located(value: "ContainerUser", line: 6))
        #expect(facts.healthcheck?.value == "CMD ping -n 1 127.0.0.1 \\", "with ` as escape a backslash is text")

        let backslash = Self.parse(
            """
            FROM alpine
            RUN apk add curl \\
              # a comment inside the continuation

              && true
            USER \\
              1000:1000
            """)
        #expect(backslash.user == DockerfileFacts.Located(value: "1000:1000", line: 6))
    }

    @Test func byteOrderMarkAndCRLF() {
        let facts = Self.parse("\u{FEFF}FROM alpine\r\nUSER 1000\r\nEXPOSE 80/tcp 443\r\n")
        #expect(facts.user == DockerfileFacts.Located(value: "1000", line: 2))
        #expect(facts.exposedPorts.map(\.value) == ["80/tcp", "443"])
    }

    @Test func hereDocumentBodiesAreNotInstructions() {
        let facts = Self.parse(
            """
            FROM alpine
            USER app
            RUN <<EOF
            USER root
            HEALTHCHECK NONE
            EOF
            COPY <<-"END" /etc/motd
            \tUSER nobody
            \tEND
            """)
        #expect(facts.user == DockerfileFacts.Located(value: "app", line: 2))
        #expect(facts.healthcheck == nil)
    }
}
