// Command goaudit is the Go reference client's audit of a Countersign log, the peer that
// docs/benchmarks.md measures `countersign audit` against. It does the same cryptographic work
// with Go's own golang.org/x/mod/sumdb/note and sumdb/tlog: it opens the checkpoint with the log
// key, verifies every hash tile against the signed root (tlog.TileHashReader), checks every
// entry's record hash against the verified level-0 hashes, and verifies every entry's signature
// against the party keys registered before it in the log. It does not replay the key registry's
// finer rules (rotations, issuedAt windows): those cost nothing next to the signatures.
//
// Built without modules from Debian's golang-golang-x-mod-dev sources:
//
//	GO111MODULE=off GOPATH=$TMP/gopath:/usr/share/gocode go build -o goaudit .
//
// Usage: goaudit URL LOGVKEY   (prints the entry count and the seconds taken)
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const header = "countersign/statement/v1 "

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: goaudit URL LOGVKEY")
		os.Exit(2)
	}
	start := time.Now()
	n, err := audit(strings.TrimSuffix(os.Args[1], "/"), os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "goaudit:", err)
		os.Exit(1)
	}
	fmt.Printf("goaudit: %d entries verified in %.2f s\n", n, time.Since(start).Seconds())
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// tiles reads C2SP tlog-tiles paths: Go's tile/8/L/N without the height.
type tiles struct{ server string }

func (t tiles) Height() int { return 8 }

func (t tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, tile := range ts {
		b, err := get(t.server + "/" + strings.Replace(tile.Path(), "tile/8/", "tile/", 1))
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func audit(server, vkey string) (int64, error) {
	logKey, err := note.NewVerifier(vkey)
	if err != nil {
		return 0, err
	}
	cp, err := get(server + "/checkpoint")
	if err != nil {
		return 0, err
	}
	opened, err := note.Open(cp, note.VerifierList(logKey))
	if err != nil {
		return 0, fmt.Errorf("checkpoint: %v", err)
	}
	lines := strings.Split(opened.Text, "\n")
	if len(lines) < 3 || lines[0] != logKey.Name() {
		return 0, fmt.Errorf("checkpoint: not of %s", logKey.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return 0, err
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		return 0, fmt.Errorf("checkpoint: bad root")
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	hashes := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, tiles{server})

	var keys []note.Verifier
	for b := int64(0); b*256 < size; b++ {
		width := size - b*256
		if width > 256 {
			width = 256
		}
		path := strings.Replace(
			tlog.Tile{H: 8, L: -1, N: b, W: int(width)}.Path(), "tile/8/data/", "tile/entries/", 1)
		bundle, err := get(server + "/" + path)
		if err != nil {
			return 0, err
		}
		indexes := make([]int64, width)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, b*256+int64(i))
		}
		leaves, err := hashes.ReadHashes(indexes)
		if err != nil {
			return 0, fmt.Errorf("bundle %d: %v", b, err)
		}
		for i := int64(0); i < width; i++ {
			if len(bundle) < 2 {
				return 0, fmt.Errorf("bundle %d: short", b)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+l {
				return 0, fmt.Errorf("bundle %d: short", b)
			}
			entry := bundle[2 : 2+l]
			bundle = bundle[2+l:]
			if tlog.RecordHash(entry) != leaves[i] {
				return 0, fmt.Errorf("entry %d: leaf hash mismatch", b*256+i)
			}
			text, vk := statementKey(entry)
			if vk != "" {
				v, err := note.NewVerifier(vk)
				if err != nil {
					return 0, fmt.Errorf("entry %d: %v", b*256+i, err)
				}
				keys = append(keys, v)
			}
			n, err := note.Open(entry, note.VerifierList(keys...))
			if err != nil {
				return 0, fmt.Errorf("entry %d (%s): %v", b*256+i, text, err)
			}
			if len(n.UnverifiedSigs) != 0 {
				return 0, fmt.Errorf("entry %d: signature by an unknown key", b*256+i)
			}
		}
	}
	return size, nil
}

// statementKey returns the statement kind and, for a key registration, the key it registers.
func statementKey(entry []byte) (string, string) {
	s := string(entry)
	end := strings.Index(s, "\n\n")
	if !strings.HasPrefix(s, header) || end < 0 {
		return "", ""
	}
	nl := strings.Index(s, "\n")
	kind := s[len(header):nl]
	if kind != "party-key-registration" && kind != "key-rotation" {
		return kind, ""
	}
	var body struct {
		VerifierKey string `json:"verifierKey"`
	}
	if json.Unmarshal([]byte(s[nl+1:end]), &body) != nil {
		return kind, ""
	}
	return kind, body.VerifierKey
}
