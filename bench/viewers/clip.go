package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v4/pkg/media"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
)

// A pre-encoded clip held in memory and played in a loop by a sample provider, so that the
// publisher costs almost nothing (no encoder) and every viewer sees the same, realistic bitrate.

// accessUnit is one H.264 frame: its NAL units in Annex-B form (start codes kept), which pion's
// H.264 payloader splits again (SPS and PPS go into a STAP-A with the slice after them).
type accessUnit struct {
	data []byte
	key  bool
}

var annexB = []byte{0, 0, 0, 1}

// splitNALs returns the NAL units of an Annex-B stream, without their start codes.
func splitNALs(stream []byte) [][]byte {
	var nals [][]byte
	start := -1
	for i := 0; i+2 < len(stream); {
		if stream[i] == 0 && stream[i+1] == 0 && stream[i+2] == 1 {
			if start >= 0 {
				end := i
				if end > start && stream[end-1] == 0 {
					end-- // the 4-byte start code's leading zero
				}
				nals = append(nals, stream[start:end])
			}
			i += 3
			start = i
			continue
		}
		i++
	}
	if start >= 0 && start < len(stream) {
		nals = append(nals, stream[start:])
	}
	return nals
}

// loadH264 reads an Annex-B file as written by ffmpeg (`-f h264`, no B-frames) into access
// units: the slices of one frame with the parameter sets before them. A frame starts at a
// non-slice NAL after a slice, or at a slice whose first_mb_in_slice is 0 (its first bit, ue(v)).
func loadH264(path string) ([]accessUnit, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var units []accessUnit
	var pending bytes.Buffer
	key, slices := false, 0
	flush := func() {
		if slices > 0 {
			units = append(units, accessUnit{data: bytes.Clone(pending.Bytes()), key: key})
		}
		pending.Reset()
		key, slices = false, 0
	}
	for _, nal := range splitNALs(raw) {
		if len(nal) < 2 {
			continue
		}
		kind := nal[0] & 0x1f
		if kind == 9 || kind == 6 { // access unit delimiter, SEI: not needed by a decoder
			continue
		}
		isSlice := kind >= 1 && kind <= 5
		if slices > 0 && (!isSlice || nal[1]&0x80 != 0) {
			flush()
		}
		pending.Write(annexB)
		pending.Write(nal)
		if isSlice {
			slices++
			key = key || kind == 5
		}
	}
	flush()
	if len(units) == 0 || !units[0].key {
		return nil, fmt.Errorf("%s: no frames, or the first is not a key frame", path)
	}
	return units, nil
}

// loadOpus reads an Ogg Opus file written with one packet per page (`-page_duration 20000`).
func loadOpus(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reader, _, err := oggreader.NewWith(f)
	if err != nil {
		return nil, err
	}
	var packets [][]byte
	for {
		payload, _, err := reader.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(payload, []byte("OpusTags")) {
			continue
		}
		packets = append(packets, payload)
	}
	if len(packets) == 0 {
		return nil, fmt.Errorf("%s: no Opus packets", path)
	}
	return packets, nil
}

// loopProvider is an lksdk.SampleProvider that plays samples in a loop at a fixed duration each
// (the track's write loop paces them), and counts what it sent. Like a live encoder that answers
// a key-frame request (PLI) with a key frame, it jumps to the clip's next key frame when asked:
// the pictures stay decodable, since a key frame needs nothing before it.
type loopProvider struct {
	samples  [][]byte
	key      []bool
	duration time.Duration
	next     int
	wantKey  atomic.Bool
	bytes    atomic.Int64
	frames   atomic.Int64
	keys     atomic.Int64
}

func newVideoProvider(units []accessUnit, fps int) *loopProvider {
	p := &loopProvider{duration: time.Second / time.Duration(fps)}
	for _, u := range units {
		p.samples = append(p.samples, u.data)
		p.key = append(p.key, u.key)
	}
	return p
}

func newAudioProvider(packets [][]byte) *loopProvider {
	return &loopProvider{samples: packets, duration: 20 * time.Millisecond}
}

// requestKeyFrame makes the next sample a key frame.
func (p *loopProvider) requestKeyFrame() { p.wantKey.Store(true) }

func (p *loopProvider) NextSample(ctx context.Context) (media.Sample, error) {
	if err := ctx.Err(); err != nil {
		return media.Sample{}, err
	}
	if p.key != nil && p.wantKey.Swap(false) {
		for !p.key[p.next] {
			p.next = (p.next + 1) % len(p.samples)
		}
	}
	data := p.samples[p.next]
	if p.key != nil && p.key[p.next] {
		p.keys.Add(1)
	}
	p.next = (p.next + 1) % len(p.samples)
	p.bytes.Add(int64(len(data)))
	p.frames.Add(1)
	return media.Sample{Data: data, Duration: p.duration}, nil
}

func (p *loopProvider) OnBind() error   { return nil }
func (p *loopProvider) OnUnbind() error { return nil }
func (p *loopProvider) Close() error    { return nil }
