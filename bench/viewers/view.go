package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/webrtc/v4"

	lksdk "github.com/livekit/server-sdk-go/v2"
)

// The viewers: subscribing LiveKit clients that read every RTP packet without decoding it (as
// LiveKit's own load tester does). Driven over stdin/stdout in JSON lines:
//
//	in:  {"op":"add","viewers":[{"id":"v1","token":"…"}]}  connects them (in the background)
//	in:  {"op":"stats"}                                     one "stats" line with every viewer
//	in:  {"op":"quit"}                                      disconnects all, exits
//	out: {"ev":"connected","id":"v1","connectMs":…,"attempts":…}  joined, transports up
//	out: {"ev":"first","id":"v1","connectMs":…,"firstPacketMs":…}  first video packet
//	out: {"ev":"failed","id":"v1","error":"…","attempts":…}
//	out: {"ev":"stats","at":…,"viewers":[…]}

type viewer struct {
	id            string
	started       time.Time
	connectMs     atomic.Int64
	firstPacketMs atomic.Int64
	video, audio  streamCounter
	nacks         atomic.Int64
	nackedSeqs    atomic.Int64
	plis          atomic.Int64
	state         atomic.Value // string
	width, height atomic.Int64 // the video layer's size as the SFU announced the track
	room          *lksdk.Room
	firstOnce     sync.Once
}

type viewerPool struct {
	url string
	// connectTimeout is the SDK's per-attempt budget (signal join, then the peer connections);
	// attempts is how many times a viewer connects before it counts as failed, as a browser's
	// livekit-client retries a failed connect.
	connectTimeout time.Duration
	attempts       int
	mu             sync.Mutex
	viewers        []*viewer
	slots          chan struct{} // connects in progress at once
}

func runView(args []string) error {
	fs := flag.NewFlagSet("view", flag.ExitOnError)
	url := fs.String("url", "", "LiveKit URL (ws://…)")
	parallel := fs.Int("parallel", 20, "connects in progress at once")
	connectTimeout := fs.Duration("connect-timeout", 15*time.Second, "the SDK's connect timeout per attempt")
	attempts := fs.Int("attempts", 1, "connects per viewer before it counts as failed")
	profile := fs.String("cpuprofile", "", "write a Go CPU profile of the whole run there")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		// Stopped (and written) before "quit" is answered, and at the end in any case.
		defer pprof.StopCPUProfile()
	}
	pool := &viewerPool{
		url: *url, slots: make(chan struct{}, *parallel),
		connectTimeout: *connectTimeout, attempts: max(1, *attempts),
	}
	return serveCommands(pool, 64<<20, func(op string, line []byte) error {
		var cmd struct {
			Viewers []struct {
				ID    string `json:"id"`
				Token string `json:"token"`
			} `json:"viewers"`
		}
		if err := json.Unmarshal(line, &cmd); err != nil {
			return fmt.Errorf("bad command: %w", err)
		}
		if op != "add" {
			return fmt.Errorf("unknown op %q", op)
		}
		for _, v := range cmd.Viewers {
			pool.add(v.ID, v.Token)
		}
		return nil
	}, pprof.StopCPUProfile)
}

func (p *viewerPool) add(id, token string) {
	v := &viewer{id: id, started: time.Now()}
	v.firstPacketMs.Store(-1)
	v.connectMs.Store(-1)
	v.state.Store("connecting")
	p.mu.Lock()
	p.viewers = append(p.viewers, v)
	p.mu.Unlock()
	go func() {
		p.slots <- struct{}{}
		defer func() { <-p.slots }()
		v.started = time.Now()
		counter := &rtcpCounter{nacks: &v.nacks, nackedSeqs: &v.nackedSeqs, plis: &v.plis}
		var room *lksdk.Room
		var err error
		attempt := 0
		for attempt < p.attempts {
			attempt++
			room, err = lksdk.ConnectToRoomWithToken(p.url, token, v.callbacks(),
				lksdk.WithAutoSubscribe(true),
				lksdk.WithConnectTimeout(p.connectTimeout),
				lksdk.WithInterceptors([]interceptor.Factory{rtcpCounterFactory{counter}}),
				lksdk.WithIncludeDefaultInterceptors(true),
			)
			if err == nil {
				break
			}
		}
		if err != nil {
			v.state.Store("failed")
			emit(map[string]any{"ev": "failed", "id": id, "error": err.Error(), "attempts": attempt})
			return
		}
		v.connectMs.Store(time.Since(v.started).Milliseconds())
		v.state.Store("connected")
		emit(map[string]any{
			"ev": "connected", "id": id, "connectMs": v.connectMs.Load(), "attempts": attempt,
		})
		p.mu.Lock()
		v.room = room
		p.mu.Unlock()
	}()
}

func (v *viewer) callbacks() *lksdk.RoomCallback {
	cb := lksdk.NewRoomCallback()
	cb.OnTrackSubscribed = func(track *webrtc.TrackRemote, pub *lksdk.RemoteTrackPublication, _ *lksdk.RemoteParticipant) {
		if track.Kind() == webrtc.RTPCodecTypeVideo {
			if info := pub.TrackInfo(); info != nil {
				v.width.Store(int64(info.Width))
				v.height.Store(int64(info.Height))
			}
			go v.read(track, &v.video, true)
		} else {
			go v.read(track, &v.audio, false)
		}
	}
	cb.OnReconnecting = func() { v.state.Store("reconnecting") }
	cb.OnReconnected = func() { v.state.Store("connected") }
	cb.OnDisconnected = func() { v.state.Store("disconnected") }
	return cb
}

// read counts every packet of one track until it ends.
func (v *viewer) read(track *webrtc.TrackRemote, c *streamCounter, video bool) {
	buf := make([]byte, 1500)
	for {
		n, _, err := track.Read(buf)
		if err != nil {
			return
		}
		now := time.Now()
		if !c.record(buf[:n], now) || !video {
			continue
		}
		v.firstOnce.Do(func() {
			ms := now.Sub(v.started).Milliseconds()
			v.firstPacketMs.Store(ms)
			emit(map[string]any{
				"ev": "first", "id": v.id, "connectMs": v.connectMs.Load(), "firstPacketMs": ms,
			})
		})
	}
}

type viewerStats struct {
	ID            string         `json:"id"`
	State         string         `json:"state"`
	ConnectMs     int64          `json:"connectMs"`
	FirstPacketMs int64          `json:"firstPacketMs"`
	Width         int64          `json:"width"`
	Height        int64          `json:"height"`
	Video         streamSnapshot `json:"video"`
	Audio         streamSnapshot `json:"audio"`
	Nacks         int64          `json:"nacks"`
	NackedSeqs    int64          `json:"nackedSeqs"`
	Plis          int64          `json:"plis"`
}

func (p *viewerPool) stats() map[string]any {
	now := time.Now()
	p.mu.Lock()
	list := make([]viewerStats, 0, len(p.viewers))
	for _, v := range p.viewers {
		list = append(list, viewerStats{
			ID: v.id, State: v.state.Load().(string),
			ConnectMs: v.connectMs.Load(), FirstPacketMs: v.firstPacketMs.Load(),
			Width: v.width.Load(), Height: v.height.Load(),
			Video: v.video.snapshot(now), Audio: v.audio.snapshot(now),
			Nacks: v.nacks.Load(), NackedSeqs: v.nackedSeqs.Load(), Plis: v.plis.Load(),
		})
	}
	p.mu.Unlock()
	return map[string]any{"ev": "stats", "at": now.UnixMilli(), "viewers": list}
}

func (p *viewerPool) disconnectAll() {
	p.mu.Lock()
	rooms := make([]*lksdk.Room, 0, len(p.viewers))
	for _, v := range p.viewers {
		if v.room != nil {
			rooms = append(rooms, v.room)
		}
	}
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, r := range rooms {
		wg.Add(1)
		go func() { defer wg.Done(); r.Disconnect() }()
	}
	wg.Wait()
}
