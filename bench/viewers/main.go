// Command loadgen is the load generator of bench/viewers.ts: `loadgen publish …` publishes one
// simulcast camera from pre-encoded clips, `loadgen view …` runs the subscribing viewers,
// `loadgen churn …` the soak's connecting and leaving clients. All talk to the bench in JSON
// lines (stdout), see publish.go, view.go and churn.go.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sync"

	"github.com/livekit/protocol/logger"
	lksdk "github.com/livekit/server-sdk-go/v2"
)

var (
	outMu sync.Mutex
	out   = bufio.NewWriterSize(os.Stdout, 1<<16)
)

// emit writes one JSON line to stdout, whole, whichever goroutine calls it.
func emit(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		line = []byte(fmt.Sprintf(`{"ev":"error","error":%q}`, err.Error()))
	}
	outMu.Lock()
	defer outMu.Unlock()
	out.Write(line)
	out.WriteByte('\n')
	out.Flush()
}

// connPool is what the view and churn modes share: their counters, and ending every connection.
type connPool interface {
	stats() map[string]any
	disconnectAll()
}

// serveCommands reads JSON-line commands from stdin until "quit" or the end of its input.
// "stats" and "quit" are answered here (beforeQuit runs after every connection ended, before
// "quit" is answered); any other op goes to handle with its whole line.
func serveCommands(p connPool, maxLine int, handle func(op string, line []byte) error, beforeQuit func()) error {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), maxLine)
	for in.Scan() {
		var head struct {
			Op string `json:"op"`
		}
		if err := json.Unmarshal(in.Bytes(), &head); err != nil {
			return fmt.Errorf("bad command: %w", err)
		}
		switch head.Op {
		case "stats":
			emit(p.stats())
		case "quit":
			p.disconnectAll()
			beforeQuit()
			emit(map[string]any{"ev": "quit"})
			return nil
		default:
			if err := handle(head.Op, in.Bytes()); err != nil {
				return err
			}
		}
	}
	p.disconnectAll()
	return in.Err()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadgen publish|view|churn [flags]")
		os.Exit(2)
	}
	// The SDK's own log (warnings and errors only) goes to stderr, apart from the JSON lines.
	lksdk.SetLogger(logger.GetLogger())
	logger.InitFromConfig(&logger.Config{Level: "warn"}, "loadgen")
	var err error
	switch os.Args[1] {
	case "publish":
		err = runPublish(os.Args[2:])
	case "view":
		err = runView(os.Args[2:])
	case "churn":
		err = runChurn(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}
