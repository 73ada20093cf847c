#include "gl_upload_counter.hpp"

#include <glad/gl.h>

#include <stdexcept>

namespace patrolscope::render {
namespace {

std::size_t counted_bytes = 0, counted_calls = 0;
bool installed = false;

PFNGLBUFFERDATAPROC real_buffer_data;
PFNGLBUFFERSUBDATAPROC real_buffer_sub_data;
PFNGLMAPBUFFERPROC real_map_buffer;
PFNGLMAPBUFFERRANGEPROC real_map_buffer_range;
PFNGLCOPYBUFFERSUBDATAPROC real_copy_buffer_sub_data;
PFNGLTEXIMAGE2DPROC real_tex_image_2d;
PFNGLTEXSUBIMAGE2DPROC real_tex_sub_image_2d;
PFNGLTEXIMAGE3DPROC real_tex_image_3d;
PFNGLTEXSUBIMAGE3DPROC real_tex_sub_image_3d;
PFNGLCOMPRESSEDTEXIMAGE2DPROC real_compressed_tex_image_2d;

std::size_t pixel_bytes(GLenum format, GLenum type) {
  std::size_t components = 4;
  switch (format) {
    case GL_RED: case GL_RED_INTEGER: case GL_DEPTH_COMPONENT: components = 1; break;
    case GL_RG: case GL_RG_INTEGER: case GL_DEPTH_STENCIL: components = 2; break;
    case GL_RGB: case GL_BGR: case GL_RGB_INTEGER: components = 3; break;
    default: break;
  }
  switch (type) {
    case GL_UNSIGNED_BYTE: case GL_BYTE: return components;
    case GL_UNSIGNED_SHORT: case GL_SHORT: case GL_HALF_FLOAT: return components * 2;
    default: return components * 4;
  }
}

void count(std::size_t bytes) { counted_bytes += bytes, ++counted_calls; }

void GLAD_API_PTR buffer_data(GLenum target, GLsizeiptr size, const void* data, GLenum usage) {
  count(data ? static_cast<std::size_t>(size) : 0);
  real_buffer_data(target, size, data, usage);
}
void GLAD_API_PTR buffer_sub_data(GLenum target, GLintptr offset, GLsizeiptr size, const void* data) {
  count(static_cast<std::size_t>(size));
  real_buffer_sub_data(target, offset, size, data);
}
void* GLAD_API_PTR map_buffer(GLenum target, GLenum access) {
  if (access != GL_READ_ONLY) {  // the whole buffer may be written
    GLint size = 0;
    glGetBufferParameteriv(target, GL_BUFFER_SIZE, &size);
    count(static_cast<std::size_t>(size));
  }
  return real_map_buffer(target, access);
}
void* GLAD_API_PTR map_buffer_range(GLenum target, GLintptr offset, GLsizeiptr length, GLbitfield access) {
  if (access & GL_MAP_WRITE_BIT) count(static_cast<std::size_t>(length));
  return real_map_buffer_range(target, offset, length, access);
}
void GLAD_API_PTR copy_buffer_sub_data(GLenum read, GLenum write, GLintptr from, GLintptr to, GLsizeiptr size) {
  count(static_cast<std::size_t>(size));
  real_copy_buffer_sub_data(read, write, from, to, size);
}
void GLAD_API_PTR tex_image_2d(GLenum target, GLint level, GLint internal, GLsizei w, GLsizei h, GLint border,
                               GLenum format, GLenum type, const void* pixels) {
  count(pixels ? static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * pixel_bytes(format, type) : 0);
  real_tex_image_2d(target, level, internal, w, h, border, format, type, pixels);
}
void GLAD_API_PTR tex_sub_image_2d(GLenum target, GLint level, GLint x, GLint y, GLsizei w, GLsizei h, GLenum format,
                                   GLenum type, const void* pixels) {
  count(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * pixel_bytes(format, type));
  real_tex_sub_image_2d(target, level, x, y, w, h, format, type, pixels);
}
void GLAD_API_PTR tex_image_3d(GLenum target, GLint level, GLint internal, GLsizei w, GLsizei h, GLsizei d,
                               GLint border, GLenum format, GLenum type, const void* pixels) {
  count(pixels ? static_cast<std::size_t>(w) * h * d * pixel_bytes(format, type) : 0);
  real_tex_image_3d(target, level, internal, w, h, d, border, format, type, pixels);
}
void GLAD_API_PTR tex_sub_image_3d(GLenum target, GLint level, GLint x, GLint y, GLint z, GLsizei w, GLsizei h,
                                   GLsizei d, GLenum format, GLenum type, const void* pixels) {
  count(static_cast<std::size_t>(w) * h * d * pixel_bytes(format, type));
  real_tex_sub_image_3d(target, level, x, y, z, w, h, d, format, type, pixels);
}
void GLAD_API_PTR compressed_tex_image_2d(GLenum target, GLint level, GLenum internal, GLsizei w, GLsizei h,
                                          GLint border, GLsizei size, const void* data) {
  count(data ? static_cast<std::size_t>(size) : 0);
  real_compressed_tex_image_2d(target, level, internal, w, h, border, size, data);
}

template <class F>
void wrap(F& pointer, F& saved, F wrapper) {
  saved = pointer;
  if (pointer) pointer = wrapper;  // an entry point the driver lacks stays null
}

}  // namespace

GlUploadCounter::GlUploadCounter() {
  if (installed) throw std::logic_error("GlUploadCounter: one is already installed");
  installed = true;
  wrap(glad_glBufferData, real_buffer_data, &buffer_data);
  wrap(glad_glBufferSubData, real_buffer_sub_data, &buffer_sub_data);
  wrap(glad_glMapBuffer, real_map_buffer, &map_buffer);
  wrap(glad_glMapBufferRange, real_map_buffer_range, &map_buffer_range);
  wrap(glad_glCopyBufferSubData, real_copy_buffer_sub_data, &copy_buffer_sub_data);
  wrap(glad_glTexImage2D, real_tex_image_2d, &tex_image_2d);
  wrap(glad_glTexSubImage2D, real_tex_sub_image_2d, &tex_sub_image_2d);
  wrap(glad_glTexImage3D, real_tex_image_3d, &tex_image_3d);
  wrap(glad_glTexSubImage3D, real_tex_sub_image_3d, &tex_sub_image_3d);
  wrap(glad_glCompressedTexImage2D, real_compressed_tex_image_2d, &compressed_tex_image_2d);
  reset();
}

GlUploadCounter::~GlUploadCounter() {
  glad_glBufferData = real_buffer_data;
  glad_glBufferSubData = real_buffer_sub_data;
  glad_glMapBuffer = real_map_buffer;
  glad_glMapBufferRange = real_map_buffer_range;
  glad_glCopyBufferSubData = real_copy_buffer_sub_data;
  glad_glTexImage2D = real_tex_image_2d;
  glad_glTexSubImage2D = real_tex_sub_image_2d;
  glad_glTexImage3D = real_tex_image_3d;
  glad_glTexSubImage3D = real_tex_sub_image_3d;
  glad_glCompressedTexImage2D = real_compressed_tex_image_2d;
  installed = false;
}

std::size_t GlUploadCounter::bytes() const { return counted_bytes; }
std::size_t GlUploadCounter::calls() const { return counted_calls; }
void GlUploadCounter::reset() { counted_bytes = counted_calls = 0; }

}  // namespace patrolscope::render
