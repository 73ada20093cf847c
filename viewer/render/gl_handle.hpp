// Move-only owners of GL object names (buffers, vertex arrays, framebuffers, renderbuffers,
// textures): the name is deleted when its owner goes, so an object that throws halfway
// through building its GL state frees what it had made. Destroy them while their context is
// current (the viewer drops its GL owners before the window's context goes).
#pragma once
#include <glad/gl.h>

#include <utility>

namespace patrolscope::render {

template <class Kind>
class GlHandle {
 public:
  GlHandle() = default;
  static GlHandle create() {
    GlHandle h;
    Kind::generate(&h.name_);
    return h;
  }
  ~GlHandle() { reset(); }
  GlHandle(GlHandle&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
  GlHandle& operator=(GlHandle&& other) noexcept {
    if (this != &other) reset(), name_ = std::exchange(other.name_, 0);
    return *this;
  }
  GlHandle(const GlHandle&) = delete;
  GlHandle& operator=(const GlHandle&) = delete;

  GLuint get() const { return name_; }
  explicit operator bool() const { return name_ != 0; }
  void reset() {
    if (name_) Kind::destroy(&name_);
    name_ = 0;
  }

 private:
  GLuint name_ = 0;
};

namespace gl_kind {
struct Buffer {
  static void generate(GLuint* n) { glGenBuffers(1, n); }
  static void destroy(const GLuint* n) { glDeleteBuffers(1, n); }
};
struct VertexArray {
  static void generate(GLuint* n) { glGenVertexArrays(1, n); }
  static void destroy(const GLuint* n) { glDeleteVertexArrays(1, n); }
};
struct Framebuffer {
  static void generate(GLuint* n) { glGenFramebuffers(1, n); }
  static void destroy(const GLuint* n) { glDeleteFramebuffers(1, n); }
};
struct Renderbuffer {
  static void generate(GLuint* n) { glGenRenderbuffers(1, n); }
  static void destroy(const GLuint* n) { glDeleteRenderbuffers(1, n); }
};
struct Texture {
  static void generate(GLuint* n) { glGenTextures(1, n); }
  static void destroy(const GLuint* n) { glDeleteTextures(1, n); }
};
}  // namespace gl_kind

using GlBuffer = GlHandle<gl_kind::Buffer>;
using GlVertexArray = GlHandle<gl_kind::VertexArray>;
using GlFramebuffer = GlHandle<gl_kind::Framebuffer>;
using GlRenderbuffer = GlHandle<gl_kind::Renderbuffer>;
using GlTexture = GlHandle<gl_kind::Texture>;

}  // namespace patrolscope::render
