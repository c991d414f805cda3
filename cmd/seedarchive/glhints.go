package main

import "github.com/go-gl/glfw/v3.3/glfw"

// noDepthBuffer asks GLFW for windows without a depth or a stencil buffer.
// Fyne draws in 2D with the depth test off and clips with scissor boxes, so
// neither buffer is ever read, yet together they cost 4 bytes per pixel of
// the window (several MiB at the default size), in the process's own memory
// under a software renderer (Mesa's llvmpipe, as under Xvfb or in a virtual
// machine) and in video memory on a GPU.
//
// It must run on the main thread before the first window is shown; the hints
// stay for every window created after. glfw.Init is a no-op once Fyne has
// initialised GLFW (it does when the first window is made); if GLFW cannot
// start, Fyne reports it and the hints are skipped.
func noDepthBuffer() {
	if glfw.Init() != nil {
		return
	}
	glfw.WindowHint(glfw.DepthBits, 0)
	glfw.WindowHint(glfw.StencilBits, 0)
}
