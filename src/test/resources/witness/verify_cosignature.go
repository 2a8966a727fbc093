// Verifies a checkpoint's log signature and a witness's cosignature/v1 with Go's golang.org/x/mod/sumdb/note:
// the note parser and key matching are Go's, the cosignature/v1 message is built from the C2SP spec here.
// Usage: go run verify_cosignature.go LOG_VKEY WITNESS_VKEY NOTE_FILE
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
)

type cosignatureV1 struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func (v cosignatureV1) Name() string    { return v.name }
func (v cosignatureV1) KeyHash() uint32 { return v.hash }

// Verify gets the note text and the signature bytes after the key hash: an 8-byte big-endian time, then Ed25519.
func (v cosignatureV1) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	signed := append([]byte("cosignature/v1\ntime "+strconv.FormatUint(t, 10)+"\n"), msg...)
	return ed25519.Verify(v.key, signed, sig[8:])
}

func parseWitnessKey(vkey string) (cosignatureV1, error) {
	name, rest, ok := strings.Cut(vkey, "+")
	hash16, key64, ok2 := strings.Cut(rest, "+")
	if !ok || !ok2 {
		return cosignatureV1{}, fmt.Errorf("malformed vkey")
	}
	key, err := base64.StdEncoding.DecodeString(key64)
	if err != nil || len(key) != 33 || key[0] != 0x04 {
		return cosignatureV1{}, fmt.Errorf("not a cosignature/v1 key (type 0x04)")
	}
	h := sha256.Sum256(append([]byte(name+"\n\x04"), key[1:]...))
	id := binary.BigEndian.Uint32(h[:4])
	if fmt.Sprintf("%08x", id) != hash16 {
		return cosignatureV1{}, fmt.Errorf("key id %s does not match SHA-256(name || 0x0A || 0x04 || key)", hash16)
	}
	return cosignatureV1{name: name, hash: id, key: ed25519.PublicKey(key[1:])}, nil
}

func main() {
	logKey, err := note.NewVerifier(os.Args[1])
	if err != nil {
		fmt.Println("log vkey:", err)
		os.Exit(2)
	}
	witnessKey, err := parseWitnessKey(os.Args[2])
	if err != nil {
		fmt.Println("witness vkey:", err)
		os.Exit(2)
	}
	msg, err := os.ReadFile(os.Args[3])
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	n, err := note.Open(msg, note.VerifierList(logKey, witnessKey))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	names := map[string]bool{}
	for _, s := range n.Sigs {
		names[s.Name] = true
	}
	if !names[logKey.Name()] || !names[witnessKey.Name()] {
		fmt.Println("missing a verified signature:", len(n.Sigs), "verified")
		os.Exit(1)
	}
	fmt.Printf("VERIFIED %d signatures\n", len(n.Sigs))
}
