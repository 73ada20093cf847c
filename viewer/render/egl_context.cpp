#include "egl_context.hpp"

#include <glad/egl.h>
#include <glad/gl.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

namespace patrolscope::render {
namespace {

[[noreturn]] void fail(const std::string& step) {
  throw std::runtime_error("headless OpenGL: " + step + " failed (EGL error 0x" +
                           [] {
                             char buffer[16];
                             std::snprintf(buffer, sizeof buffer, "%x", eglGetError ? eglGetError() : 0);
                             return std::string(buffer);
                           }() +
                           ")");
}

// Mesa writes its own lines ("libEGL warning: …", "MESA-LOADER: …") straight to stderr, with
// no hook to take them (EGL_KHR_debug reports only errors of EGL calls, which our own messages
// name). While it starts, stderr is a temporary file; when the capture ends, each line it holds
// goes to the real stderr as "patrolscope: mesa: LINE". A file, not a pipe: Mesa never blocks.
class MesaLines {
 public:
  MesaLines() {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    char name[] = "/tmp/patrolscope-mesa-XXXXXX";
    capture_ = saved_ >= 0 ? ::mkstemp(name) : -1;
    if (capture_ < 0) return;  // no capture: Mesa's lines go out as they are
    ::unlink(name);
    ::dup2(capture_, STDERR_FILENO);
  }
  ~MesaLines() {
    if (capture_ < 0) {
      if (saved_ >= 0) ::close(saved_);
      return;
    }
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    std::string text;
    char buffer[4096];
    ::lseek(capture_, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(capture_, buffer, sizeof buffer)) > 0 && text.size() < (1 << 20);)
      text.append(buffer, static_cast<std::size_t>(n));
    ::close(capture_);
    for (std::size_t from = 0; from < text.size();) {
      std::size_t end = text.find('\n', from);
      if (end == std::string::npos) end = text.size();
      if (end > from) std::fprintf(stderr, "patrolscope: mesa: %.*s\n", static_cast<int>(end - from), text.c_str() + from);
      from = end + 1;
    }
  }
  MesaLines(const MesaLines&) = delete;
  MesaLines& operator=(const MesaLines&) = delete;

 private:
  int saved_ = -1, capture_ = -1;
};

}  // namespace

EglContext::Owned::~Owned() {
  if (!display) return;
  eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  if (context) eglDestroyContext(display, context);
  // No eglTerminate: the display is per process (a second EglContext initialises it again as a
  // no-op), and terminating unloads Mesa's driver, whose few allocations LeakSanitizer then
  // reports as leaks it cannot even name.
}

EglContext::Owned::Owned(Owned&& other) noexcept
    : display(std::exchange(other.display, nullptr)), context(std::exchange(other.context, nullptr)) {}

EglContext::Owned& EglContext::Owned::operator=(Owned&& other) noexcept {
  if (this != &other) {
    Owned gone(std::move(*this));
    display = std::exchange(other.display, nullptr);
    context = std::exchange(other.context, nullptr);
  }
  return *this;
}

// Each step that fails throws; `owned_` (a finished member by then) destroys the context
// made so far, so a failed start leaks nothing.
EglContext::EglContext() {
  // Our errors below name each failing step, so Mesa is asked to report only what is fatal
  // (EGL_LOG_LEVEL=warning or debug, set by the user, shows more); whatever it writes while
  // starting reaches stderr prefixed (MesaLines).
  ::setenv("EGL_LOG_LEVEL", "fatal", 0);
  const MesaLines mesa_lines;
  if (!gladLoaderLoadEGL(nullptr)) throw std::runtime_error("headless OpenGL: cannot load libEGL");
  auto get_platform_display = reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(
      eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (!get_platform_display) fail("eglGetPlatformDisplayEXT lookup");
  EGLDisplay display = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (display == EGL_NO_DISPLAY) fail("opening the surfaceless EGL display");
  EGLint major = 0, minor = 0;
  if (!eglInitialize(display, &major, &minor)) fail("eglInitialize");
  owned_.display = display;
  if (!gladLoaderLoadEGL(display)) fail("loading EGL 1.5 entry points");
  if (!eglBindAPI(EGL_OPENGL_API)) fail("eglBindAPI(OpenGL)");
  const EGLint attributes[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                               EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                               EGL_NONE};
  EGLContext context = eglCreateContext(display, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attributes);
  if (context == EGL_NO_CONTEXT) fail("creating an OpenGL 3.3 core context");
  owned_.context = context;
  if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) fail("eglMakeCurrent");
  if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(eglGetProcAddress)))
    throw std::runtime_error("headless OpenGL: loading OpenGL 3.3 entry points failed");
}

std::string EglContext::renderer() const {
  const auto* text = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return text ? text : "";
}

}  // namespace patrolscope::render
