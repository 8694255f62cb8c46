package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/livekit/protocol/livekit"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v4"
)

// The publisher: one 720p camera as three simulcast layers (f, h, q) from pre-encoded H.264
// files, and optionally an Opus microphone. It prints a JSON line when published, then one
// every second with what each layer sent and the key-frame requests (PLI/FIR) it received.

type layerSpec struct {
	rid     string
	file    string
	quality livekit.VideoQuality
}

var layers = []layerSpec{
	{"q", "q.h264", livekit.VideoQuality_LOW},
	{"h", "h.h264", livekit.VideoQuality_MEDIUM},
	{"f", "f.h264", livekit.VideoQuality_HIGH},
}

type layerState struct {
	rid      string
	width    int
	height   int
	provider *loopProvider
	plis     atomic.Int64
	firs     atomic.Int64
	nacks    atomic.Int64
}

func runPublish(args []string) error {
	fs := flag.NewFlagSet("publish", flag.ExitOnError)
	url := fs.String("url", "", "LiveKit URL (ws://…)")
	token := fs.String("token", os.Getenv("LOADGEN_TOKEN"), "access token (or LOADGEN_TOKEN)")
	dir := fs.String("clips", "", "folder with q.h264, h.h264, f.h264 and audio.ogg")
	sizes := fs.String("sizes", "320x180,640x360,1280x720", "the layers' sizes, low to high")
	fps := fs.Int("fps", 30, "frames a second of the clips")
	audio := fs.Bool("audio", true, "publish audio.ogg as a microphone too")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dims := strings.Split(*sizes, ",")
	if len(dims) != len(layers) {
		return fmt.Errorf("-sizes needs %d sizes", len(layers))
	}
	codec := webrtc.RTPCodecCapability{
		MimeType:    webrtc.MimeTypeH264,
		ClockRate:   90000,
		SDPFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
	}

	states := make([]*layerState, len(layers))
	tracks := make([]*lksdk.LocalTrack, len(layers))
	for i, spec := range layers {
		units, err := loadH264(filepath.Join(*dir, spec.file))
		if err != nil {
			return err
		}
		st := &layerState{rid: spec.rid, provider: newVideoProvider(units, *fps)}
		if _, err := fmt.Sscanf(dims[i], "%dx%d", &st.width, &st.height); err != nil {
			return fmt.Errorf("size %q: %w", dims[i], err)
		}
		track, err := lksdk.NewLocalTrack(codec,
			lksdk.WithSimulcast("camera", &livekit.VideoLayer{
				Quality: spec.quality, Width: uint32(st.width), Height: uint32(st.height),
			}),
			lksdk.WithRTCPHandler(func(p rtcp.Packet) { countFeedback(st, p) }),
		)
		if err != nil {
			return err
		}
		track.OnBind(func() {
			if err := track.StartWrite(st.provider, nil); err != nil {
				emit(map[string]any{"ev": "error", "error": err.Error()})
			}
		})
		states[i], tracks[i] = st, track
	}

	room, err := lksdk.ConnectToRoomWithToken(*url, *token, &lksdk.RoomCallback{
		OnDisconnected: func() { emit(map[string]any{"ev": "disconnected"}) },
	}, lksdk.WithAutoSubscribe(false))
	if err != nil {
		return err
	}
	defer room.Disconnect()
	top := states[len(states)-1]
	if _, err := room.LocalParticipant.PublishSimulcastTrack(tracks, &lksdk.TrackPublicationOptions{
		Name: "camera", Source: livekit.TrackSource_CAMERA,
		VideoWidth: top.width, VideoHeight: top.height,
	}); err != nil {
		return fmt.Errorf("publish video: %w", err)
	}
	var mic *loopProvider
	if *audio {
		packets, err := loadOpus(filepath.Join(*dir, "audio.ogg"))
		if err != nil {
			return err
		}
		mic = newAudioProvider(packets)
		track, err := lksdk.NewLocalTrack(webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2,
		})
		if err != nil {
			return err
		}
		track.OnBind(func() { _ = track.StartWrite(mic, nil) })
		if _, err := room.LocalParticipant.PublishTrack(track, &lksdk.TrackPublicationOptions{
			Name: "microphone", Source: livekit.TrackSource_MICROPHONE,
		}); err != nil {
			return fmt.Errorf("publish audio: %w", err)
		}
	}
	emit(map[string]any{"ev": "published"})

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return nil
		case <-tick.C:
			emit(publisherStats(states, mic))
		}
	}
}

func countFeedback(st *layerState, p rtcp.Packet) {
	switch p.(type) {
	case *rtcp.PictureLossIndication:
		st.plis.Add(1)
		st.provider.requestKeyFrame()
	case *rtcp.FullIntraRequest:
		st.firs.Add(1)
		st.provider.requestKeyFrame()
	case *rtcp.TransportLayerNack:
		st.nacks.Add(1)
	}
}

type layerStats struct {
	RID       string `json:"rid"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Bytes     int64  `json:"bytes"`
	Frames    int64  `json:"frames"`
	KeyFrames int64  `json:"keyFrames"`
	PLIs      int64  `json:"plis"`
	FIRs      int64  `json:"firs"`
	NACKs     int64  `json:"nacks"`
}

func publisherStats(states []*layerState, mic *loopProvider) map[string]any {
	out := map[string]any{"ev": "stats", "at": time.Now().UnixMilli()}
	list := make([]layerStats, 0, len(states))
	for _, st := range states {
		list = append(list, layerStats{
			RID: st.rid, Width: st.width, Height: st.height,
			Bytes: st.provider.bytes.Load(), Frames: st.provider.frames.Load(),
			KeyFrames: st.provider.keys.Load(), PLIs: st.plis.Load(),
			FIRs: st.firs.Load(), NACKs: st.nacks.Load(),
		})
	}
	out["layers"] = list
	if mic != nil {
		out["audio"] = map[string]any{"bytes": mic.bytes.Load(), "frames": mic.frames.Load()}
	}
	return out
}
