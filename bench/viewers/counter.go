package main

import (
	"encoding/binary"
	"sync/atomic"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
)

// streamCounter counts one received RTP stream without decoding it: packets, bytes (the whole
// RTP packet as it arrived, header included), padding-only packets (LiveKit's bandwidth probes),
// and loss the way an RTCP receiver report computes it: packets expected from the extended
// highest sequence number seen, less packets received. One goroutine writes, any reads.
type streamCounter struct {
	packets    atomic.Int64
	bytes      atomic.Int64
	padding    atomic.Int64
	expected   atomic.Int64
	lastAtNano atomic.Int64

	started bool
	base    int64
	highest int64 // extended
}

// record takes one raw RTP packet; it returns false when the packet is not RTP.
func (c *streamCounter) record(pkt []byte, now time.Time) bool {
	if len(pkt) < 12 || pkt[0]>>6 != 2 {
		return false
	}
	seq := int64(binary.BigEndian.Uint16(pkt[2:4]))
	if !c.started {
		c.started = true
		c.base, c.highest = seq, seq
	} else {
		// Unwrap against the highest seen: the nearest extended value to it.
		ext := (c.highest &^ 0xffff) | seq
		if ext < c.highest-0x8000 {
			ext += 0x10000
		} else if ext > c.highest+0x8000 {
			ext -= 0x10000
		}
		if ext > c.highest {
			c.highest = ext
		}
	}
	c.expected.Store(c.highest - c.base + 1)
	c.packets.Add(1)
	c.bytes.Add(int64(len(pkt)))
	if payloadLen(pkt) == 0 {
		c.padding.Add(1)
	}
	c.lastAtNano.Store(now.UnixNano())
	return true
}

// payloadLen is the media payload's length: the packet less its header, extensions and padding.
func payloadLen(pkt []byte) int {
	n := 12 + 4*int(pkt[0]&0x0f)
	if pkt[0]&0x10 != 0 && len(pkt) >= n+4 {
		n += 4 + 4*int(binary.BigEndian.Uint16(pkt[n+2:n+4]))
	}
	end := len(pkt)
	if pkt[0]&0x20 != 0 && end > 0 {
		end -= int(pkt[end-1])
	}
	if end < n {
		return 0
	}
	return end - n
}

type streamSnapshot struct {
	Packets  int64 `json:"packets"`
	Bytes    int64 `json:"bytes"`
	Padding  int64 `json:"padding"`
	Expected int64 `json:"expected"`
	// Milliseconds since the last packet; -1 before the first.
	IdleMs int64 `json:"idleMs"`
}

func (c *streamCounter) snapshot(now time.Time) streamSnapshot {
	idle := int64(-1)
	if last := c.lastAtNano.Load(); last > 0 {
		idle = (now.UnixNano() - last) / 1e6
	}
	return streamSnapshot{
		Packets:  c.packets.Load(),
		Bytes:    c.bytes.Load(),
		Padding:  c.padding.Load(),
		Expected: c.expected.Load(),
		IdleMs:   idle,
	}
}

// rtcpCounter is an interceptor placed first in a viewer's chain, so that it sees every RTCP
// packet the viewer's other interceptors send: NACKs (from the NACK generator, with the number
// of packets they ask for again) and PLIs.
type rtcpCounter struct {
	interceptor.NoOp
	nacks      *atomic.Int64
	nackedSeqs *atomic.Int64
	plis       *atomic.Int64
}

type rtcpCounterFactory struct{ counter *rtcpCounter }

func (f rtcpCounterFactory) NewInterceptor(string) (interceptor.Interceptor, error) {
	return f.counter, nil
}

func (c *rtcpCounter) BindRTCPWriter(w interceptor.RTCPWriter) interceptor.RTCPWriter {
	return interceptor.RTCPWriterFunc(func(pkts []rtcp.Packet, a interceptor.Attributes) (int, error) {
		for _, p := range pkts {
			switch p := p.(type) {
			case *rtcp.TransportLayerNack:
				c.nacks.Add(1)
				for _, pair := range p.Nacks {
					c.nackedSeqs.Add(int64(len(pair.PacketList())))
				}
			case *rtcp.PictureLossIndication:
				c.plis.Add(1)
			}
		}
		return w.Write(pkts, a)
	})
}
