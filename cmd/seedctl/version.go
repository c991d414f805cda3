package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// versionString is seedctl's version string.
func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func init() {
	register(&command{
		Name:    "version",
		Summary: "print the version",
		Usage:   "version",
		Help:    "Prints seedctl's version and the Go version it was built with.\n",
		Run: func(e *env, args []string) int {
			pos, code, ok := e.parse(e.flagSet("version"), args)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				return e.usage("version takes no arguments")
			}
			fmt.Fprintf(e.stdout, "seedctl %s (%s %s/%s)\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return exitOK
		},
	})
}
