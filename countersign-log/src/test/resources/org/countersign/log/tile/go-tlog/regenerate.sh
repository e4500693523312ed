#!/bin/sh
# Regenerates go-tlog-vectors.txt from Go's golang.org/x/mod/sumdb/tlog, offline, with Debian's
# golang-go and golang-golang-x-mod-dev packages (apt-get install golang-go golang-golang-x-mod-dev).
# CI may run it and fail on any diff: the vectors must not drift.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/tlogvectors"
cp "$here/generate.go" "$work/src/tlogvectors/main.go"
cd "$work/src/tlogvectors"
GO111MODULE=off GOPATH="$work:/usr/share/gocode" GOCACHE="$work/cache" go run . > "$here/go-tlog-vectors.txt"
