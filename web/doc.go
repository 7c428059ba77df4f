// Package web is Unroll's HTTP side: the data service (TWSE/TPEx months
// through a cache, a polite limiter and single-flight collapsing, with the
// shipped offline series as a fallback), the JSON API of DESIGN.md §2, and the
// static page.
//
// The same http.Handler runs in the local server (cmd/unroll serve) and in the
// Cloudflare Worker (cmd/worker). Everything the Worker needs is injected
// through Options: the outbound twse.Doer (an *http.Client here, the Workers
// fetch API there), the Cache (memory and disk here, the Workers Cache API
// there), the clock, and the page's file system. Nothing here imports gonum or
// core/.
package web
