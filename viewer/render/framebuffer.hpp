// An offscreen render target: multisampled colour + depth/stencil, resolved and read back as
// RGBA rows top-down. Needs a current GL context.
#pragma once
#include <cstdint>
#include <vector>

namespace patrolscope::render {

class Framebuffer {
 public:
  // Throws std::runtime_error when the size exceeds the GL limits or the FBO is incomplete.
  Framebuffer(int width, int height, int samples = 4);
  ~Framebuffer();
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;

  void bind() const;  // binds for drawing and sets the viewport
  // Resolves the samples and returns width*height RGBA pixels, the top row first.
  std::vector<std::uint8_t> read_rgba() const;

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }

  static int max_size();  // min(GL_MAX_RENDERBUFFER_SIZE, GL_MAX_VIEWPORT_DIMS)

 private:
  int width_, height_, samples_;
  unsigned fbo_ = 0, color_ = 0, depth_ = 0;
  unsigned resolve_fbo_ = 0, resolve_color_ = 0;
};

}  // namespace patrolscope::render
