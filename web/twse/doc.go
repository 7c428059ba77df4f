// Package twse reads daily trading data from the Taiwan Stock Exchange (TWSE,
// 上市) and the Taipei Exchange (TPEx, 上櫃): one month of one security per
// request.
//
// The parsers map columns by header name, because TWSE added a tenth column
// (註記) in 2026 and TPEx writes its date header with a space ("日 期"). Dates
// arrive in ROC years (ROC + 1911 = AD), numbers as strings with thousands
// separators, and a no-trade day has "--" prices. TPEx reports volume in lots
// (張, 1,000 shares) and turnover in thousands of NT$ (仟元); rows returned here
// are always in shares and NT$.
//
// Nothing in this package touches the disk or starts goroutines, so the same
// code runs in the local server and in a Cloudflare Worker.
package twse
