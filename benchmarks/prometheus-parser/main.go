// Command prometheus-parser parses the pages of ParserBenchmark with Prometheus' own exposition
// parsers (model/textparse of the Prometheus release Debian ships), labels materialised, in the
// slices ParserSlicesMain uses, so that parser-side-by-side.sh can run both at the same time on
// this machine and print the ratio.
//
// Usage: prometheus-parser <pages dir> <seconds>
//
// Each page (node-text, golang-text, node-openmetrics, golang-openmetrics) is parsed as
// Prometheus' scrape loop reads a body: Next over every entry, and for each sample Series (the
// value and timestamp) and Metric (a new labels.Labels with the metric name), the samples kept in
// a slice for the whole page as the JVM parser keeps them in its families. Figures are samples per
// CPU-second of the parsing thread (getrusage RUSAGE_THREAD, the goroutine locked to it), the
// JVM's measure; samples per CPU-second of the whole process (with the collector) are printed too.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/textparse"
)

const (
	warmUp = 20 * time.Second
	slice  = 250 * time.Millisecond
)

var pages = []string{"node-text", "golang-text", "node-openmetrics", "golang-openmetrics"}

type sample struct {
	labels labels.Labels
	value  float64
	ts     int64
}

type page struct {
	name        string
	body        []byte
	openMetrics bool
	lastCount   int
}

// parse reads the body once and returns the number of samples.
func (pg *page) parse() int {
	var p textparse.Parser
	if pg.openMetrics {
		p = textparse.NewOpenMetricsParser(pg.body)
	} else {
		p = textparse.NewPromParser(pg.body)
	}
	out := make([]sample, 0, pg.lastCount)
	for {
		entry, err := p.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			fmt.Fprintf(os.Stderr, "prometheus-parser: %s: %v\n", pg.name, err)
			os.Exit(1)
		}
		if entry != textparse.EntrySeries {
			continue
		}
		_, ts, v := p.Series()
		var lset labels.Labels
		p.Metric(&lset)
		s := sample{labels: lset, value: v}
		if ts != nil {
			s.ts = *ts
		}
		out = append(out, s)
	}
	pg.lastCount = len(out)
	return len(out)
}

func cpu(who int) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(who, &u); err != nil {
		panic(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

const rusageThread = 1

// slice parses the page for one slice of thread CPU time; returns samples per thread CPU-second
// and per process CPU-second.
func (pg *page) slice() (float64, float64) {
	thread0, process0 := cpu(rusageThread), cpu(syscall.RUSAGE_SELF)
	n := 0
	for {
		n += pg.parse()
		thread := cpu(rusageThread) - thread0
		if thread >= slice {
			process := cpu(syscall.RUSAGE_SELF) - process0
			return float64(n) / thread.Seconds(), float64(n) / process.Seconds()
		}
	}
}

func quantile(xs []float64, q float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(q * float64(len(s)-1))
	return s[i]
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: prometheus-parser <pages dir> <seconds>")
		os.Exit(2)
	}
	seconds, err := strconv.Atoi(os.Args[2])
	if err != nil || seconds <= 0 {
		fmt.Fprintf(os.Stderr, "prometheus-parser: seconds must be a positive integer, got %q\n", os.Args[2])
		os.Exit(2)
	}
	runtime.LockOSThread()
	var all []*page
	for _, name := range pages {
		body, err := os.ReadFile(filepath.Join(os.Args[1], name+".txt"))
		if err != nil {
			fmt.Fprintf(os.Stderr, "prometheus-parser: %v\n", err)
			os.Exit(1)
		}
		all = append(all, &page{name: name, body: body, openMetrics: strings.HasSuffix(name, "openmetrics")})
	}
	for warm := time.Now().Add(warmUp); time.Now().Before(warm); {
		for _, pg := range all {
			pg.slice()
		}
	}
	threadRates := make([][]float64, len(all))
	processRates := make([][]float64, len(all))
	for stop := time.Now().Add(time.Duration(seconds) * time.Second); time.Now().Before(stop); {
		for i, pg := range all {
			t, p := pg.slice()
			threadRates[i] = append(threadRates[i], t/1e6)
			processRates[i] = append(processRates[i], p/1e6)
		}
	}
	for i, pg := range all {
		r := threadRates[i]
		fmt.Printf("%-20s M samples/CPU-s: p10 %.2f  p25 %.2f  median %.2f  p75 %.2f  p90 %.2f  max %.2f  (process CPU: median %.2f)\n",
			pg.name, quantile(r, 0.10), quantile(r, 0.25), quantile(r, 0.50), quantile(r, 0.75),
			quantile(r, 0.90), quantile(r, 1.0), quantile(processRates[i], 0.50))
	}
	counts := make([]string, len(all))
	for i, pg := range all {
		counts[i] = strconv.Itoa(pg.lastCount)
	}
	fmt.Printf("rounds %d, samples per page %s, %s, GOMAXPROCS %d\n",
		len(threadRates[0]), strings.Join(counts, "/"), runtime.Version(), runtime.GOMAXPROCS(0))
}
