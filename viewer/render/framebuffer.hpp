// An offscreen render target: multisampled colour + depth/stencil, resolved into a texture
// (which the viewer shows as an image) and read back as RGBA rows top-down. Needs a current
// GL context. Owns its GL objects through move-only handles: a constructor that throws (size
// over the limit, incomplete framebuffer) leaves nothing behind.
#pragma once
#include <cstdint>
#include <vector>

#include "render/gl_handle.hpp"

namespace patrolscope::render {

class Framebuffer {
 public:
  // Throws std::runtime_error when the size exceeds the GL limits or the FBO is incomplete.
  Framebuffer(int width, int height, int samples = 4);
  Framebuffer(Framebuffer&&) = default;
  Framebuffer& operator=(Framebuffer&&) = default;

  void bind() const;  // binds for drawing and sets the viewport
  // Resolves the samples into texture(); leaves the resolved framebuffer bound for reading.
  void resolve() const;
  // Resolves the samples and returns width*height RGBA pixels, the top row first.
  std::vector<std::uint8_t> read_rgba() const;
  // The resolved colour (RGBA8, linear filtering, GL's bottom-up rows): valid after resolve().
  GLuint texture() const { return resolved_.get(); }

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }

  static int max_size();  // min(GL_MAX_RENDERBUFFER_SIZE, GL_MAX_VIEWPORT_DIMS)

 private:
  int width_, height_, samples_;
  GlRenderbuffer color_, depth_;
  GlFramebuffer fbo_;
  GlTexture resolved_;
  GlFramebuffer resolve_fbo_;
};

}  // namespace patrolscope::render
