package main

import "unroll/core/jsonx"

func appendKey(dst []byte, k string) []byte { return jsonx.AppendKey(dst, k) }
