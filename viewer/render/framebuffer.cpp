#include "framebuffer.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace patrolscope::render {

int Framebuffer::max_size() {
  GLint renderbuffer = 0, viewport[2] = {0, 0};
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &renderbuffer);
  glGetIntegerv(GL_MAX_VIEWPORT_DIMS, viewport);
  return std::min({renderbuffer, viewport[0], viewport[1]});
}

Framebuffer::Framebuffer(int width, int height, int samples)
    : width_(width), height_(height), samples_(samples) {
  const int limit = max_size();
  if (width < 1 || height < 1 || width > limit || height > limit)
    throw std::runtime_error("framebuffer " + std::to_string(width) + "x" + std::to_string(height) +
                             " is outside the GL limit of " + std::to_string(limit));
  GLint max_samples = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  samples_ = std::clamp(samples, 0, static_cast<int>(max_samples));
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);

  color_ = GlRenderbuffer::create();
  glBindRenderbuffer(GL_RENDERBUFFER, color_.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
  depth_ = GlRenderbuffer::create();
  glBindRenderbuffer(GL_RENDERBUFFER, depth_.get());
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_DEPTH24_STENCIL8, width, height);
  fbo_ = GlFramebuffer::create();
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_.get());
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_.get());
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;

  resolved_ = GlTexture::create();
  glBindTexture(GL_TEXTURE_2D, resolved_.get());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);  // no pixels sent
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, 0);
  resolve_fbo_ = GlFramebuffer::create();
  glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, resolved_.get(), 0);
  const bool resolve_complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  if (!complete || !resolve_complete)  // the handles delete what was made
    throw std::runtime_error("framebuffer " + std::to_string(width) + "x" + std::to_string(height) +
                             " is incomplete (out of GPU memory?)");
}

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_.get());
  glViewport(0, 0, width_, height_);
}

void Framebuffer::resolve() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_.get());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_.get());
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_.get());
}

std::vector<std::uint8_t> Framebuffer::read_rgba() const {
  resolve();
  const std::size_t row = static_cast<std::size_t>(width_) * 4;
  std::vector<std::uint8_t> pixels(row * static_cast<std::size_t>(height_));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  // GL rows run bottom-up; images run top-down.
  std::vector<std::uint8_t> swap(row);
  for (int y = 0; y < height_ / 2; ++y) {
    std::uint8_t* a = pixels.data() + row * static_cast<std::size_t>(y);
    std::uint8_t* b = pixels.data() + row * static_cast<std::size_t>(height_ - 1 - y);
    std::memcpy(swap.data(), a, row);
    std::memcpy(a, b, row);
    std::memcpy(b, swap.data(), row);
  }
  return pixels;
}

}  // namespace patrolscope::render
