// Command csinterop drives Go's own golang.org/x/mod/sumdb/note and sumdb/tlog for
// Countersign's interoperability tests: whatever Countersign produces must be accepted
// here, and whatever this produces must be accepted by Countersign.
//
// It is built without modules from Debian's golang-golang-x-mod-dev sources:
//
//	GO111MODULE=off GOPATH=$TMP/gopath:/usr/share/gocode go build csinterop
//
// Commands (text on stdin, results on stdout, errors on stderr with exit status 1;
// a usage error exits with status 2):
//
//	keygen NAME [SEEDHEX]        print skey and vkey lines (seed from SEEDHEX if given)
//	sign SKEY...                 sign stdin text with each key, print the note
//	cosign UNIXTIME SKEY...      cosign the checkpoint body on stdin (cosignature/v1), print the note
//	verify VKEY...               open the note on stdin; every VKEY must have signed; print the text
//	                             (VKEYs of type 0x04 check cosignature/v1 signatures)
//	parsetree                    tlog.ParseTree of stdin; print "N\nHASH\n"
//	formattree N HASH            print tlog.FormatTree
//	recordhash                   print base64 tlog.RecordHash of stdin
//	tree N                       FormatTree of the tree of leaves "leaf 0", "leaf 1", ...
//	inclusion N I                tlog.ProveRecord(N, I): proof hashes, one per line
//	consistency N M              tlog.ProveTree(N, M): proof that size M is a prefix of size N
//	tiles N                      every tile of the tree of size N (full tiles, then the partial
//	                             tile of each level): "path sha256hex", Go paths tile/8/L/NNN[.p/W]
//	tiledata N PATH              base64 of the data of one tile (Go path: tile/8/L/NNN[.p/W])
//	audit URL VKEY               audit the log whose C2SP read path is at URL (a log server, or
//	                             a bucket behind plain HTTP): open URL/checkpoint with VKEY, verify
//	                             every hash tile against its root with tlog.TileHashReader, and
//	                             every entry of every bundle against the verified leaf hashes;
//	                             print "N ROOTBASE64"
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		usage("missing command")
	}
	var err error
	args := os.Args[2:]
	switch os.Args[1] {
	case "keygen":
		err = keygen(args)
	case "sign":
		err = sign(args)
	case "cosign":
		err = cosign(args)
	case "verify":
		err = verify(args)
	case "parsetree":
		err = parseTree()
	case "formattree":
		err = formatTree(args)
	case "recordhash":
		err = recordHash()
	case "tree":
		err = tree(args)
	case "inclusion":
		err = inclusion(args)
	case "consistency":
		err = consistency(args)
	case "tiles":
		err = tiles(args)
	case "tiledata":
		err = tileData(args)
	case "audit":
		err = audit(args)
	default:
		usage("unknown command " + os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "csinterop:", err)
		os.Exit(1)
	}
}

func usage(msg string) {
	fmt.Fprintln(os.Stderr, "csinterop:", msg)
	os.Exit(2)
}

func stdin() []byte {
	b, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "csinterop: reading stdin:", err)
		os.Exit(1)
	}
	return b
}

// fixedReader yields a given seed to ed25519.GenerateKey.
type fixedReader struct{ b []byte }

func (r *fixedReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

func keygen(args []string) error {
	if len(args) < 1 || len(args) > 2 {
		usage("keygen NAME [SEEDHEX]")
	}
	var rand io.Reader // nil: crypto/rand
	if len(args) == 2 {
		seed, err := hex.DecodeString(args[1])
		if err != nil || len(seed) != 32 {
			return errors.New("SEEDHEX must be 64 hex digits")
		}
		rand = &fixedReader{seed}
	}
	skey, vkey, err := note.GenerateKey(rand, args[0])
	if err != nil {
		return err
	}
	fmt.Printf("%s\n%s\n", skey, vkey)
	return nil
}

func sign(args []string) error {
	if len(args) == 0 {
		usage("sign SKEY...")
	}
	var signers []note.Signer
	for _, skey := range args {
		s, err := note.NewSigner(skey)
		if err != nil {
			return fmt.Errorf("signer key: %v", err)
		}
		signers = append(signers, s)
	}
	msg, err := note.Sign(&note.Note{Text: string(stdin())}, signers...)
	if err != nil {
		return err
	}
	os.Stdout.Write(msg)
	return nil
}

// cosignatureMessage is the signed message of C2SP tlog-cosignature v1.0.1.
func cosignatureMessage(t uint64, body []byte) []byte {
	return append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), body...)
}

func cosignKeyHash(name string, pub ed25519.PublicKey) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte("\n"))
	h.Write([]byte{0x04})
	h.Write(pub)
	return binary.BigEndian.Uint32(h.Sum(nil))
}

// cosigner is a note.Signer making type 0x04 cosignatures at a fixed time.
type cosigner struct {
	name string
	hash uint32
	priv ed25519.PrivateKey
	time uint64
}

func (c *cosigner) Name() string    { return c.name }
func (c *cosigner) KeyHash() uint32 { return c.hash }
func (c *cosigner) Sign(msg []byte) ([]byte, error) {
	sig := make([]byte, 8, 8+ed25519.SignatureSize)
	binary.BigEndian.PutUint64(sig, c.time)
	return append(sig, ed25519.Sign(c.priv, cosignatureMessage(c.time, msg))...), nil
}

func newCosigner(skey string, t uint64) (*cosigner, error) {
	// PRIVATE+KEY+name+hash+base64(0x01 || seed); validated by note.NewSigner first.
	if _, err := note.NewSigner(skey); err != nil {
		return nil, err
	}
	parts := strings.SplitN(skey, "+", 5)
	key, _ := base64.StdEncoding.DecodeString(parts[4])
	priv := ed25519.NewKeyFromSeed(key[1:])
	pub := priv.Public().(ed25519.PublicKey)
	return &cosigner{name: parts[2], hash: cosignKeyHash(parts[2], pub), priv: priv, time: t}, nil
}

func cosign(args []string) error {
	if len(args) < 2 {
		usage("cosign UNIXTIME SKEY...")
	}
	t, err := strconv.ParseUint(args[0], 10, 64)
	if err != nil || t > math.MaxInt64 {
		return errors.New("UNIXTIME must be a decimal in [0, 2^63-1]")
	}
	var signers []note.Signer
	for _, skey := range args[1:] {
		c, err := newCosigner(skey, t)
		if err != nil {
			return fmt.Errorf("signer key: %v", err)
		}
		signers = append(signers, c)
	}
	msg, err := note.Sign(&note.Note{Text: string(stdin())}, signers...)
	if err != nil {
		return err
	}
	os.Stdout.Write(msg)
	return nil
}

// cosigVerifier checks type 0x04 cosignatures; note.NewVerifier knows only type 0x01.
type cosigVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (v *cosigVerifier) Name() string    { return v.name }
func (v *cosigVerifier) KeyHash() uint32 { return v.hash }
func (v *cosigVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	if t > math.MaxInt64 {
		return false
	}
	return ed25519.Verify(v.key, cosignatureMessage(t, msg), sig[8:])
}

func newVerifier(vkey string) (note.Verifier, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) == 3 {
		if key, err := base64.StdEncoding.DecodeString(parts[2]); err == nil && len(key) == 33 && key[0] == 0x04 {
			h, err := strconv.ParseUint(parts[1], 16, 32)
			if err != nil || len(parts[1]) != 8 || uint32(h) != cosignKeyHash(parts[0], key[1:]) {
				return nil, errors.New("malformed cosignature verifier key")
			}
			return &cosigVerifier{parts[0], uint32(h), ed25519.PublicKey(key[1:])}, nil
		}
	}
	return note.NewVerifier(vkey)
}

func verify(args []string) error {
	if len(args) == 0 {
		usage("verify VKEY...")
	}
	var verifiers []note.Verifier
	for _, vkey := range args {
		v, err := newVerifier(vkey)
		if err != nil {
			return fmt.Errorf("verifier key %q: %v", vkey, err)
		}
		verifiers = append(verifiers, v)
	}
	n, err := note.Open(stdin(), note.VerifierList(verifiers...))
	if err != nil {
		return err
	}
	for _, v := range verifiers {
		found := false
		for _, s := range n.Sigs {
			found = found || (s.Name == v.Name() && s.Hash == v.KeyHash())
		}
		if !found {
			return fmt.Errorf("not signed by %s+%08x", v.Name(), v.KeyHash())
		}
	}
	os.Stdout.WriteString(n.Text)
	return nil
}

func parseTree() error {
	t, err := tlog.ParseTree(stdin())
	if err != nil {
		return err
	}
	fmt.Printf("%d\n%s\n", t.N, t.Hash)
	return nil
}

func formatTree(args []string) error {
	if len(args) != 2 {
		usage("formattree N HASH")
	}
	n, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return err
	}
	h, err := tlog.ParseHash(args[1])
	if err != nil {
		return err
	}
	os.Stdout.Write(tlog.FormatTree(tlog.Tree{N: n, Hash: h}))
	return nil
}

func recordHash() error {
	fmt.Println(tlog.RecordHash(stdin()))
	return nil
}

// memoryTree holds every stored hash of the tree of leaves "leaf 0", "leaf 1", ...
type memoryTree struct{ hashes []tlog.Hash }

func buildTree(n int64) (*memoryTree, error) {
	t := &memoryTree{}
	for i := int64(0); i < n; i++ {
		hs, err := tlog.StoredHashes(i, []byte(fmt.Sprintf("leaf %d", i)), t)
		if err != nil {
			return nil, err
		}
		t.hashes = append(t.hashes, hs...)
	}
	return t, nil
}

func (t *memoryTree) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(t.hashes)) {
			return nil, fmt.Errorf("no stored hash %d", x)
		}
		out[i] = t.hashes[x]
	}
	return out, nil
}

func intArgs(args []string, n int, use string) []int64 {
	if len(args) != n {
		usage(use)
	}
	out := make([]int64, n)
	for i, a := range args {
		v, err := strconv.ParseInt(a, 10, 64)
		if err != nil || v < 0 {
			usage(use)
		}
		out[i] = v
	}
	return out
}

func tree(args []string) error {
	n := intArgs(args, 1, "tree N")[0]
	t, err := buildTree(n)
	if err != nil {
		return err
	}
	h, err := tlog.TreeHash(n, t)
	if err != nil {
		return err
	}
	os.Stdout.Write(tlog.FormatTree(tlog.Tree{N: n, Hash: h}))
	return nil
}

func inclusion(args []string) error {
	v := intArgs(args, 2, "inclusion N I")
	t, err := buildTree(v[0])
	if err != nil {
		return err
	}
	p, err := tlog.ProveRecord(v[0], v[1], t)
	if err != nil {
		return err
	}
	for _, h := range p {
		fmt.Println(h)
	}
	return nil
}

func consistency(args []string) error {
	v := intArgs(args, 2, "consistency N M")
	t, err := buildTree(v[0])
	if err != nil {
		return err
	}
	p, err := tlog.ProveTree(v[0], v[1], t)
	if err != nil {
		return err
	}
	for _, h := range p {
		fmt.Println(h)
	}
	return nil
}

func tiles(args []string) error {
	n := intArgs(args, 1, "tiles N")[0]
	t, err := buildTree(n)
	if err != nil {
		return err
	}
	for _, tile := range tlog.NewTiles(8, 0, n) {
		// NewTiles also lists the partial tiles of smaller sizes; keep those of size n.
		count := n >> (8 * uint(tile.L))
		full := tile.W == 256 && tile.N < count/256
		last := tile.N == count/256 && int64(tile.W) == count%256
		if !full && !last {
			continue
		}
		data, err := tlog.ReadTileData(tile, t)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Printf("%s %x\n", tile.Path(), sum)
	}
	return nil
}

func tileData(args []string) error {
	if len(args) != 2 {
		usage("tiledata N PATH")
	}
	n := intArgs(args[:1], 1, "tiledata N PATH")[0]
	tile, err := tlog.ParseTilePath(args[1])
	if err != nil {
		return err
	}
	t, err := buildTree(n)
	if err != nil {
		return err
	}
	data, err := tlog.ReadTileData(tile, t)
	if err != nil {
		return err
	}
	fmt.Println(base64.StdEncoding.EncodeToString(data))
	return nil
}

func httpGet(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: HTTP %d", url, resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

// httpTiles reads hash tiles at their C2SP paths (Go's tile/8/L/N without the height).
type httpTiles struct{ base string }

func (t httpTiles) Height() int { return 8 }

func (t httpTiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, tile := range ts {
		b, err := httpGet(t.base + "/" + strings.Replace(tile.Path(), "tile/8/", "tile/", 1))
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func (t httpTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func audit(args []string) error {
	if len(args) != 2 {
		usage("audit URL VKEY")
	}
	base := strings.TrimSuffix(args[0], "/")
	v, err := note.NewVerifier(args[1])
	if err != nil {
		return err
	}
	cp, err := httpGet(base + "/checkpoint")
	if err != nil {
		return err
	}
	n, err := note.Open(cp, note.VerifierList(v))
	if err != nil {
		return fmt.Errorf("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 || lines[0] != v.Name() {
		return fmt.Errorf("checkpoint: not a checkpoint of %s", v.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("checkpoint: bad size %q", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		return fmt.Errorf("checkpoint: bad root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	hashes := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, httpTiles{base})
	for b := int64(0); b*256 < size; b++ {
		width := size - b*256
		if width > 256 {
			width = 256
		}
		path := strings.Replace(
			tlog.Tile{H: 8, L: -1, N: b, W: int(width)}.Path(), "tile/8/data/", "tile/entries/", 1)
		bundle, err := httpGet(base + "/" + path)
		if err != nil {
			return err
		}
		indexes := make([]int64, width)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, b*256+int64(i))
		}
		leaves, err := hashes.ReadHashes(indexes)
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		for i := int64(0); i < width; i++ {
			if len(bundle) < 2 || len(bundle) < 2+int(binary.BigEndian.Uint16(bundle)) {
				return fmt.Errorf("%s: truncated", path)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			if tlog.RecordHash(bundle[2:2+l]) != leaves[i] {
				return fmt.Errorf("entry %d: leaf hash does not match the verified tile", b*256+i)
			}
			bundle = bundle[2+l:]
		}
		if len(bundle) != 0 {
			return fmt.Errorf("%s: %d trailing bytes", path, len(bundle))
		}
	}
	fmt.Printf("%d %s\n", size, base64.StdEncoding.EncodeToString(root[:]))
	return nil
}
