package main

import (
	"io/fs"
	"os"
	"path"
	"strings"
)

// lessonsPrefix is where `serve --lessons-dir DIR` serves DIR's lesson files:
// #lessons=/lessons-local/NAME.json opens DIR/NAME.json from the page's own origin.
const lessonsPrefix = "lessons-local/"

// lessonsFS is the page's file system with the .json files of a directory
// under lessons-local/ (nothing else of the directory is reachable).
type lessonsFS struct {
	page    fs.FS
	lessons fs.FS
}

// withLessonsDir adds dir's lesson files to page; an empty dir leaves page as it is.
func withLessonsDir(page fs.FS, dir string) (fs.FS, error) {
	if dir == "" {
		return page, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, usagef("serve: --lessons-dir %s is not a directory", dir)
	}
	return lessonsFS{page: page, lessons: os.DirFS(dir)}, nil
}

func (l lessonsFS) Open(name string) (fs.File, error) {
	rest, ok := strings.CutPrefix(name, lessonsPrefix)
	if !ok {
		return l.page.Open(name)
	}
	if path.Ext(rest) != ".json" || !fs.ValidPath(rest) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := l.lessons.Open(rest)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f, nil
}
