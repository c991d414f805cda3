package main

import (
	"os/exec"
	"runtime"
	"testing"

	"github.com/go-gl/gl/v2.1/gl"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// TestWindowsHaveNoDepthBuffer opens GLFW windows on a private Xvfb, as Fyne
// does, and reads the bits of their depth and stencil buffers from OpenGL:
// without noDepthBuffer the window gets both (so the test can tell), with it
// neither.
func TestWindowsHaveNoDepthBuffer(t *testing.T) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make deps-screen)")
	}
	t.Setenv("DISPLAY", startXvfb(t))
	runtime.LockOSThread() // GLFW and a GL context belong to one thread
	defer runtime.UnlockOSThread()
	if err := glfw.Init(); err != nil {
		t.Fatal(err)
	}
	defer glfw.Terminate()

	buffers := func() (depth, stencil int32) {
		t.Helper()
		glfw.WindowHint(glfw.Visible, glfw.False)
		glfw.WindowHint(glfw.ContextVersionMajor, 2) // Fyne's context
		glfw.WindowHint(glfw.ContextVersionMinor, 1)
		win, err := glfw.CreateWindow(64, 64, "depth", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer win.Destroy()
		win.MakeContextCurrent()
		defer glfw.DetachCurrentContext()
		if err := gl.Init(); err != nil {
			t.Fatal(err)
		}
		gl.GetIntegerv(gl.DEPTH_BITS, &depth)
		gl.GetIntegerv(gl.STENCIL_BITS, &stencil)
		return depth, stencil
	}

	glfw.DefaultWindowHints()
	if d, s := buffers(); d == 0 || s == 0 {
		t.Fatalf("by default the window has %d depth and %d stencil bits; want both, else the test proves nothing", d, s)
	}
	glfw.DefaultWindowHints()
	noDepthBuffer()
	if d, s := buffers(); d != 0 || s != 0 {
		t.Errorf("after noDepthBuffer the window has %d depth and %d stencil bits, want none", d, s)
	}
}
