import Testing

@testable import Batten

/// The base image, `WORKDIR` and copy destinations of the stage a Dockerfile builds.
struct DockerfileStageFactsTests {
    static func facts(_ text: String, target: String? = nil, arguments: [String: String] = [:]) -> DockerfileFacts {
        DockerfileParser.parse(text, path: "Dockerfile", target: target, buildArguments: arguments)
    }

    @Test func baseIsTheFromImage() {
        let facts = Self.facts("# syntax=docker/dockerfile:1\nFROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n")
        #expect(facts.base == DockerfileFacts.Located(value: "nginx:1.27", line: 2))
    }

    @Test func globalArgumentsApplyToFrom() {
        let text = "ARG VERSION=1.27\nARG VARIANT\nFROM --platform=linux/amd64 nginx:${VERSION}-alpine AS web\nARG VERSION\n"
        #expect(Self.facts(text).base?.value == "nginx:1.27-alpine")
        #expect(Self.facts(text, arguments: ["VERSION": "1.26"]).base?.value == "nginx:1.26-alpine")
        #expect(Self.facts("ARG IMAGE\nFROM ${IMAGE}\n").base == nil, "an unset argument leaves no image")
        #expect(Self.facts("FROM nginx:${VERSION}\n").base == nil, "an undeclared argument leaves `nginx:`")
        #expect(Self.facts("FROM node:22\nARG TAG=1.27\nFROM nginx:${TAG}\n").base == nil, "a stage's ARG does not reach FROM")
    }

    @Test func multiStageFollowsTheChainToTheFirstImage() {
        let text = """
            FROM python:3.12-slim AS base
            WORKDIR /srv
            FROM golang:1.23 AS build
            RUN go build -o /out/tool .
            FROM base AS runtime
            COPY --from=build /out/tool /usr/local/bin/
            FROM runtime AS final
            """
        let facts = Self.facts(text)
        #expect(facts.base == DockerfileFacts.Located(value: "python:3.12-slim", line: 1))
        #expect(facts.workdir == DockerfileFacts.Located(value: "/srv", line: 2))
        #expect(facts.copyDestinations.isEmpty, "--from copies another stage's files, not the context's")
        #expect(Self.facts(text, target: "build").base?.value == "golang:1.23")
    }

    @Test func scratchHasNoBase() {
        #expect(Self.facts("FROM scratch\nCOPY app /app\n").base == nil)
        #expect(Self.facts("FROM scratch AS empty\nFROM empty\n").base == nil)
        #expect(Self.facts("FROM golang:1.23 AS build\nFROM SCRATCH\n").base == nil)
    }

    @Test func relativeWorkdirsResolveAgainstThePreviousOne() {
        #expect(Self.facts("FROM node:22\nWORKDIR /srv\nWORKDIR app\nWORKDIR ./src/\n").workdir?.value == "/srv/app/src")
        #expect(Self.facts("FROM node:22\nWORKDIR app\n").workdir?.value == "/app", "relative to / without a WORKDIR before")
        #expect(Self.facts("FROM node:22\nWORKDIR /srv/app\nWORKDIR ..\n").workdir == DockerfileFacts.Located(value: "/srv", line: 3))
        #expect(Self.facts("FROM node:22\nARG DIR=/opt/app\nWORKDIR $DIR\n").workdir?.value == "/opt/app")
        #expect(Self.facts("FROM node:22\n").workdir == nil)
    }

    @Test func copyDestinationsAreAbsolute() {
        let text = """
            FROM node:22-alpine
            WORKDIR /app
            COPY package.json package-lock.json ./
            COPY --chown=node:node . .
            ADD ["config one.json", "conf/"]
            COPY --from=builder /dist /srv/dist
            COPY <<EOF /etc/motd
            hello
            EOF
            ADD --link https://example.com/a.tgz /opt/
            """
        let facts = Self.facts(text)
        #expect(
            facts.copyDestinations == [
                DockerfileFacts.Located(value: "/app", line: 3),
                DockerfileFacts.Located(value: "/app", line: 4),
                DockerfileFacts.Located(value: "/app/conf", line: 5),
                DockerfileFacts.Located(value: "/etc/motd", line: 7),
                DockerfileFacts.Located(value: "/opt", line: 10),
            ])
    }

    @Test func copiesAreInheritedThroughStages() {
        let text = "FROM python:3.12 AS base\nWORKDIR /app\nCOPY . .\nFROM base\nWORKDIR data\nCOPY seed.sql .\n"
        let facts = Self.facts(text)
        #expect(facts.copyDestinations.map(\.value) == ["/app", "/app/data"])
        #expect(facts.workdir?.value == "/app/data")
    }
}
