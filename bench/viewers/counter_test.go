package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func packet(seq uint16, payload int, padding byte) []byte {
	p := make([]byte, 12+payload)
	p[0] = 0x80
	binary.BigEndian.PutUint16(p[2:4], seq)
	if padding > 0 {
		p[0] |= 0x20
		p = append(p, make([]byte, padding)...)
		p[len(p)-1] = padding
	}
	return p
}

func TestLossAcrossWrapAndReorder(t *testing.T) {
	var c streamCounter
	now := time.Now()
	// 65530 … 65535, 0 … 9 with 3 and 65533 missing and 5 arriving before 4.
	seqs := []uint16{65530, 65531, 65532, 65534, 65535, 0, 1, 2, 5, 4, 6, 7, 8, 9}
	for _, s := range seqs {
		c.record(packet(s, 100, 0), now)
	}
	snap := c.snapshot(now)
	if snap.Expected != 16 || snap.Packets != 14 {
		t.Fatalf("expected 16 and received 14, got %d and %d", snap.Expected, snap.Packets)
	}
}

func TestPaddingOnlyPackets(t *testing.T) {
	var c streamCounter
	c.record(packet(1, 0, 200), time.Now())
	c.record(packet(2, 50, 4), time.Now())
	if got := c.padding.Load(); got != 1 {
		t.Fatalf("one padding-only packet, got %d", got)
	}
	if payloadLen(packet(3, 50, 4)) != 50 {
		t.Fatal("payload length without the padding")
	}
}

func TestAccessUnitsFromSlices(t *testing.T) {
	nal := func(header byte, firstMbZero bool) []byte {
		second := byte(0x00)
		if firstMbZero {
			second = 0x80
		}
		return append([]byte{0, 0, 0, 1, header, second}, 0xaa, 0xbb)
	}
	var stream bytes.Buffer
	stream.Write(nal(0x67, false)) // SPS
	stream.Write(nal(0x68, false)) // PPS
	stream.Write(nal(0x65, true))  // IDR, first slice
	stream.Write(nal(0x65, false)) // IDR, second slice of the same frame
	stream.Write(nal(0x41, true))  // P frame
	stream.Write(nal(0x41, true))  // P frame
	path := filepath.Join(t.TempDir(), "clip.h264")
	if err := os.WriteFile(path, stream.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	units, err := loadH264(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 3 || !units[0].key || units[1].key {
		t.Fatalf("want 3 frames, the first a key frame: %+v", units)
	}
	if n := len(splitNALs(units[0].data)); n != 4 {
		t.Fatalf("the key frame holds SPS, PPS and two slices, got %d NAL units", n)
	}
}
