package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"unroll/static"
	"unroll/web"
	"unroll/web/offline"
)

// runServe serves the page and the API until ctx ends (SIGINT/SIGTERM), then
// shuts down gracefully. The first line on stdout is the page's URL, with the
// real port when --addr asks for port 0.
func runServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (host:port; port 0 picks a free one)")
	lessonsDir := fs.String("lessons-dir", "", "a directory of lesson files (JSON), served as /lessons-local/NAME.json for #lessons=")
	data := addDataFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("serve: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	page, err := withLessonsDir(static.FS, *lessonsDir)
	if err != nil {
		return err
	}
	svc, err := newDataService(e, data)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           web.GzipJSON(svc.Handler(page)),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // a long uncached range waits 2 s per month upstream
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(e.stderr, "unroll: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Fprintf(e.stdout, "Unroll: %s\n", pageURL(ln.Addr()))
	if data.offline {
		fmt.Fprintf(e.stderr, "unroll: offline: serving the shipped prices of %s\n", strings.Join(offline.Codes(), ", "))
	} else if data.cacheDir != "" {
		fmt.Fprintf(e.stderr, "unroll: caching closed months in %s\n", data.cacheDir)
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pageURL is the address to open: an unspecified host (0.0.0.0, ::) is
// reached through loopback.
func pageURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
