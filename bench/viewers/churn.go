package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/livekit/protocol/livekit"
	lksdk "github.com/livekit/server-sdk-go/v2"
)

// The soak's LiveKit clients (bench/soak-clients.mjs): many short connections over a long run,
// each subscribing to nothing and publishing nothing. Driven over stdin/stdout in JSON lines:
//
//	in:  {"op":"connect","id":"c1","token":"…"}  connects (in the background)
//	out: {"ev":"connected","id":"c1","ms":…}  or  {"ev":"connect_failed","id":"c1","error":"…","ms":…}
//	in:  {"op":"disconnect","id":"c1"}            leaves (or gives up a connect in progress)
//	out: {"ev":"disconnected","id":"c1","reason":"CLIENT_INITIATED","ms":…}
//	out: {"ev":"disconnected","id":"c1","reason":"PARTICIPANT_REMOVED"}  the server ended it
//	in:  {"op":"stats"}  →  {"ev":"stats","connections":…,"goroutines":…,"heapMb":…}
//	in:  {"op":"quit"}   disconnects all, then {"ev":"quit"}

type churnConn struct {
	id      string
	room    *lksdk.Room
	mu      sync.Mutex
	joined  bool // the connect succeeded
	leaving bool // a disconnect was asked for: the server's end is not news
	ended   bool // "disconnected" was written
}

type churnPool struct {
	url            string
	connectTimeout time.Duration
	mu             sync.Mutex
	conns          map[string]*churnConn
}

func runChurn(args []string) error {
	fs := flag.NewFlagSet("churn", flag.ExitOnError)
	url := fs.String("url", "", "LiveKit URL (ws://…)")
	connectTimeout := fs.Duration("connect-timeout", 15*time.Second, "the SDK's connect timeout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pool := &churnPool{url: *url, connectTimeout: *connectTimeout, conns: map[string]*churnConn{}}
	return serveCommands(pool, 16<<20, func(op string, line []byte) error {
		var cmd struct {
			ID    string `json:"id"`
			Token string `json:"token"`
		}
		if err := json.Unmarshal(line, &cmd); err != nil {
			return fmt.Errorf("bad command: %w", err)
		}
		switch op {
		case "connect":
			pool.connect(cmd.ID, cmd.Token)
		case "disconnect":
			go pool.disconnect(cmd.ID)
		default:
			return fmt.Errorf("unknown op %q", op)
		}
		return nil
	}, func() {})
}

func (p *churnPool) connect(id, token string) {
	c := &churnConn{id: id}
	cb := lksdk.NewRoomCallback()
	// The server ended the connection (a kick, the room closed, the signal lost).
	cb.OnDisconnected = func() {
		reason := livekit.DisconnectReason_UNKNOWN_REASON
		if c.room != nil {
			reason = c.room.DisconnectReason()
		}
		c.end(p, reason.String(), -1, true)
	}
	c.room = lksdk.NewRoom(cb)
	p.mu.Lock()
	p.conns[id] = c
	p.mu.Unlock()
	go func() {
		started := time.Now()
		err := c.room.JoinWithToken(p.url, token,
			lksdk.WithAutoSubscribe(false),
			lksdk.WithConnectTimeout(p.connectTimeout),
		)
		ms := time.Since(started).Milliseconds()
		if err != nil {
			c.mu.Lock()
			c.ended = true
			c.mu.Unlock()
			c.room.Disconnect()
			p.forget(c)
			emit(map[string]any{"ev": "connect_failed", "id": id, "error": err.Error(), "ms": ms})
			return
		}
		emit(map[string]any{"ev": "connected", "id": id, "ms": ms})
		c.mu.Lock()
		c.joined = true
		leaving := c.leaving
		c.mu.Unlock()
		if leaving { // given up while connecting: leave now
			c.room.Disconnect()
			c.end(p, "CLIENT_INITIATED", time.Since(started).Milliseconds(), false)
		}
	}()
}

// end writes "disconnected" once, unless (`fromServer`) the client is leaving on its own.
func (c *churnConn) end(p *churnPool, reason string, ms int64, fromServer bool) {
	c.mu.Lock()
	if c.ended || (fromServer && c.leaving) {
		c.mu.Unlock()
		return
	}
	c.ended = true
	c.mu.Unlock()
	p.forget(c)
	line := map[string]any{"ev": "disconnected", "id": c.id, "reason": reason}
	if ms >= 0 {
		line["ms"] = ms
	}
	emit(line)
}

func (p *churnPool) forget(c *churnConn) {
	p.mu.Lock()
	if p.conns[c.id] == c {
		delete(p.conns, c.id)
	}
	p.mu.Unlock()
}

func (p *churnPool) disconnect(id string) {
	p.mu.Lock()
	c := p.conns[id]
	p.mu.Unlock()
	if c == nil { // gone already (failed, or ended by the server)
		emit(map[string]any{"ev": "disconnected", "id": id, "reason": "GONE", "ms": 0})
		return
	}
	c.mu.Lock()
	c.leaving = true
	joined := c.joined
	c.mu.Unlock()
	if !joined {
		return // still connecting: the connect's end leaves (or fails)
	}
	started := time.Now()
	c.room.Disconnect()
	c.end(p, "CLIENT_INITIATED", time.Since(started).Milliseconds(), false)
}

func (p *churnPool) stats() map[string]any {
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	p.mu.Lock()
	n := len(p.conns)
	p.mu.Unlock()
	return map[string]any{
		"ev": "stats", "connections": n, "goroutines": runtime.NumGoroutine(),
		"heapMb": float64(mem.HeapAlloc) / (1 << 20),
	}
}

func (p *churnPool) disconnectAll() {
	p.mu.Lock()
	ids := make([]string, 0, len(p.conns))
	for id := range p.conns {
		ids = append(ids, id)
	}
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() { defer wg.Done(); p.disconnect(id) }()
	}
	wg.Wait()
}
