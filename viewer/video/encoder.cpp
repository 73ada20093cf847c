#include "encoder.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <thread>

namespace patrolscope::video {
namespace fs = std::filesystem;

const char* to_string(Format format) {
  switch (format) {
    case Format::Mp4: return "MP4 (H.264)";
    case Format::WebM: return "WebM (VP9)";
    case Format::Gif: return "GIF";
    case Format::PngSequence: return "PNG sequence";
  }
  return "?";
}

namespace {

// A printf frame-number field: %d, %4d, %04d (and nothing else with a %).
const std::regex kFrameField("%0?[0-9]*d");

bool is_sequence_pattern(const std::string& name) {
  const auto fields = std::distance(std::sregex_iterator(name.begin(), name.end(), kFrameField), std::sregex_iterator());
  return fields == 1 && std::count(name.begin(), name.end(), '%') == 1;
}

std::string lower_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string av_error(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// ".NAME.PID.partial" beside the target: hidden, and never mistaken for a finished clip.
std::string temporary_for(const std::string& path) {
  const fs::path target(path);
  return (target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) + ".partial"))
      .string();
}

std::string sequence_path(const std::string& pattern, std::int64_t number) {
  std::vector<char> text(pattern.size() + 32);
  std::snprintf(text.data(), text.size(), pattern.c_str(), static_cast<int>(number));
  return text.data();
}

// Median cut over a 6-bit-per-channel histogram.
constexpr int kBits = 6;
constexpr int kBins = 1 << (3 * kBits);
int bin_of(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  return (r >> (8 - kBits)) << (2 * kBits) | (g >> (8 - kBits)) << kBits | (b >> (8 - kBits));
}

}  // namespace

std::optional<Format> format_for_path(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".mp4" || ext == ".m4v") return Format::Mp4;
  if (ext == ".webm") return Format::WebM;
  if (ext == ".gif") return Format::Gif;
  if (ext == ".png" && is_sequence_pattern(fs::path(path).filename().string())) return Format::PngSequence;
  return std::nullopt;
}

std::string sequence_base(const std::string& pattern) {
  const fs::path path(pattern);
  std::string name = std::regex_replace(path.filename().string(), std::regex("[-_.]?%0?[0-9]*d"), "");
  return (path.parent_path() / name).string();
}

std::string size_problem(Format format, int width, int height) {
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  if (width < 2 || height < 2 || width > 8192 || height > 8192)
    return size + ": a clip is 2 to 8192 pixels a side";
  if ((format == Format::Mp4 || format == Format::WebM) && (width % 2 || height % 2))
    return size + ": " + (format == Format::Mp4 ? "H.264" : "VP9") +
           " needs an even width and height (try " + std::to_string(width & ~1) + "x" +
           std::to_string(height & ~1) + ")";
  return "";
}

std::vector<std::uint32_t> choose_palette(const std::vector<Frame>& samples, int colours) {
  struct Bin {
    std::uint64_t count = 0, r = 0, g = 0, b = 0;
  };
  std::vector<Bin> bins(kBins);
  for (const Frame& frame : samples)
    for (std::size_t i = 0; i + 3 < frame.rgba.size(); i += 4) {
      const std::uint8_t* p = frame.rgba.data() + i;
      Bin& bin = bins[static_cast<std::size_t>(bin_of(p[0], p[1], p[2]))];
      ++bin.count, bin.r += p[0], bin.g += p[1], bin.b += p[2];
    }
  std::vector<int> used;
  for (int i = 0; i < kBins; ++i)
    if (bins[static_cast<std::size_t>(i)].count) used.push_back(i);
  if (used.empty()) return {0x000000};

  auto channel = [](int bin, int c) { return bin >> ((2 - c) * kBits) & ((1 << kBits) - 1); };
  struct Box {
    std::size_t begin, end;  // into `used`
    std::uint64_t count = 0;
    int axis = 0, range = 0;
  };
  auto measure = [&](Box& box) {
    int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
    box.count = 0;
    for (std::size_t k = box.begin; k < box.end; ++k) {
      box.count += bins[static_cast<std::size_t>(used[k])].count;
      for (int c = 0; c < 3; ++c) lo[c] = std::min(lo[c], channel(used[k], c)), hi[c] = std::max(hi[c], channel(used[k], c));
    }
    box.range = -1;
    for (int c = 0; c < 3; ++c)
      if (hi[c] - lo[c] > box.range) box.range = hi[c] - lo[c], box.axis = c;
  };
  std::vector<Box> boxes{{0, used.size()}};
  measure(boxes[0]);
  while (static_cast<int>(boxes.size()) < colours) {
    // Split the box where the most pixels sit across the widest range (a flat sea colour is
    // one bin and never split; thin track colours get boxes of their own).
    auto it = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
      return (a.end - a.begin > 1 ? a.count * a.range : 0) < (b.end - b.begin > 1 ? b.count * b.range : 0);
    });
    if (it->end - it->begin < 2 || it->range <= 0) break;
    Box box = *it;
    std::sort(used.begin() + static_cast<std::ptrdiff_t>(box.begin), used.begin() + static_cast<std::ptrdiff_t>(box.end),
              [&](int a, int b) { return channel(a, box.axis) < channel(b, box.axis); });
    std::uint64_t half = 0;
    std::size_t split = box.begin;
    while (split < box.end - 1 && half * 2 < box.count) half += bins[static_cast<std::size_t>(used[split++])].count;
    split = std::clamp(split, box.begin + 1, box.end - 1);
    Box low{box.begin, split}, high{split, box.end};
    measure(low), measure(high);
    *it = low;
    boxes.push_back(high);
  }
  std::vector<std::uint32_t> palette;
  for (const Box& box : boxes) {
    std::uint64_t n = 0, r = 0, g = 0, b = 0;
    for (std::size_t k = box.begin; k < box.end; ++k) {
      const Bin& bin = bins[static_cast<std::size_t>(used[k])];
      n += bin.count, r += bin.r, g += bin.g, b += bin.b;
    }
    palette.push_back(static_cast<std::uint32_t>((r / n) << 16 | (g / n) << 8 | (b / n)));
  }
  return palette;
}

struct Encoder::Impl {
  EncoderOptions options;
  std::vector<std::string> temporaries;  // written so far (one, or one per PNG frame)
  std::vector<std::string> targets;      // what each temporary becomes
  std::vector<std::string> written;

  AVFormatContext* format = nullptr;
  AVCodecContext* codec = nullptr;
  AVStream* stream = nullptr;
  SwsContext* sws = nullptr;
  AVFrame* picture = nullptr;
  AVPacket* packet = nullptr;
  std::vector<std::uint32_t> palette;  // GIF: 0xAARRGGBB, the last entry transparent
  std::vector<std::int16_t> palette_lookup;  // GIF: histogram bin → palette index (-1: not yet)

  std::thread worker;
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::deque<Frame> queue;
  bool closing = false, stopping = false, finished = false, done = false;
  bool header_written = false, trailer_written = false;
  std::string error;
  std::atomic<std::int64_t> encoded{0};

  ~Impl() { release(); }

  void release() {
    // Abandoned after the header: FFmpeg 5.1's GIF muxer frees the packet it holds back (to
    // write its delay) only in its trailer, having no deinit; so write the trailer into the
    // temporary, which is removed next. (The other muxers free their state in deinit.)
    if (format && header_written && !trailer_written && format->pb && options.format == Format::Gif)
      av_write_trailer(format), trailer_written = true;  // (its error, if any, no longer matters)
    sws_freeContext(sws), sws = nullptr;
    av_frame_free(&picture);
    av_packet_free(&packet);
    avcodec_free_context(&codec);
    if (format) {
      if (format->pb && !(format->oformat->flags & AVFMT_NOFILE)) avio_closep(&format->pb);
      avformat_free_context(format);
      format = nullptr;
    }
  }

  void remove_temporaries() {
    for (const std::string& path : temporaries) {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
    temporaries.clear();
  }

  void check(int code, const char* what) {
    if (code < 0) throw std::runtime_error(options.path + ": " + what + ": " + av_error(code));
  }

  void open() {
    const Format f = options.format;
    if (const std::string problem = size_problem(f, options.width, options.height); !problem.empty())
      throw std::runtime_error(options.path + ": " + problem);
    if (options.fps < 1 || options.fps > 120) throw std::runtime_error(options.path + ": frame rate must be 1 to 120");
    const fs::path directory = fs::absolute(options.path).parent_path();
    std::error_code error_code;
    if (!fs::is_directory(directory, error_code))
      throw std::runtime_error(options.path + ": directory " + directory.string() + " does not exist");
    if (::access(directory.c_str(), W_OK) != 0)
      throw std::runtime_error(options.path + ": directory " + directory.string() + " is not writable");
    if (f == Format::PngSequence && !is_sequence_pattern(fs::path(options.path).filename().string()))
      throw std::runtime_error(options.path + ": a PNG sequence needs a frame-number field in its name, e.g. OUT_%04d.png");

    const char* encoder_name = f == Format::Mp4 ? "libx264" : f == Format::WebM ? "libvpx-vp9" : f == Format::Gif ? "gif" : "png";
    const AVCodec* found = avcodec_find_encoder_by_name(encoder_name);
    if (!found) throw std::runtime_error(options.path + ": this FFmpeg has no " + encoder_name + " encoder");
    codec = avcodec_alloc_context3(found);
    codec->width = options.width;
    codec->height = options.height;
    codec->time_base = f == Format::Gif ? AVRational{1, 100} : AVRational{1, options.fps};
    codec->framerate = {options.fps, 1};
    const int q = std::clamp(options.quality, 1, 100);
    AVPixelFormat pixels = AV_PIX_FMT_YUV420P;
    if (f == Format::Mp4) {
      av_opt_set(codec->priv_data, "preset", "veryfast", 0);
      av_opt_set(codec->priv_data, "profile", "high", 0);
      av_opt_set_double(codec->priv_data, "crf", 40 - q * 0.25, 0);  // 75 → 21
      codec->gop_size = options.fps * 2;  // a key frame every 2 s: seeking in a slide deck
    } else if (f == Format::WebM) {
      av_opt_set_int(codec->priv_data, "crf", std::lround(55 - q * 0.35), 0);  // 75 → 29
      codec->bit_rate = 0;
      av_opt_set(codec->priv_data, "deadline", "realtime", 0);
      av_opt_set_int(codec->priv_data, "cpu-used", 8, 0);
      av_opt_set_int(codec->priv_data, "row-mt", 1, 0);
      codec->gop_size = options.fps * 2;
    } else if (f == Format::Gif) {
      pixels = AV_PIX_FMT_PAL8;
      std::vector<std::uint32_t> chosen = choose_palette(options.palette_samples, 255);
      palette.assign(256, 0x00000000);  // entry 255: transparent (unchanged pixels between frames)
      for (std::size_t i = 0; i < chosen.size(); ++i) palette[i] = 0xff000000u | chosen[i];
      palette_lookup.assign(kBins, -1);
      if (chosen.size() == 1 && options.palette_samples.empty()) palette_lookup.clear();  // chosen from frame 1
    } else {
      pixels = options.alpha ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGB24;
      codec->compression_level = q >= 90 ? 9 : 3;  // zlib level: 3 is 3× faster than 9, a little larger
    }
    codec->pix_fmt = pixels;
    if (pixels == AV_PIX_FMT_YUV420P) {
      codec->color_range = AVCOL_RANGE_MPEG;
      codec->colorspace = AVCOL_SPC_BT709;
      codec->color_primaries = AVCOL_PRI_BT709;
      codec->color_trc = AVCOL_TRC_BT709;
    }

    if (f != Format::PngSequence) {
      const char* muxer = f == Format::Mp4 ? "mp4" : f == Format::WebM ? "webm" : "gif";
      const std::string temporary = temporary_for(options.path);
      check(avformat_alloc_output_context2(&format, nullptr, muxer, temporary.c_str()), "cannot set up the container");
      if (format->oformat->flags & AVFMT_GLOBALHEADER) codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    codec->thread_count = 0;  // the codec's own threads, as many as suit the machine
    check(avcodec_open2(codec, found, nullptr), "cannot open the encoder");

    if (format) {
      stream = avformat_new_stream(format, nullptr);
      if (!stream) throw std::runtime_error(options.path + ": cannot add a stream");
      stream->time_base = codec->time_base;
      stream->avg_frame_rate = {options.fps, 1};
      check(avcodec_parameters_from_context(stream->codecpar, codec), "cannot describe the stream");
      for (const auto& [key, value] : options.metadata) av_dict_set(&format->metadata, key.c_str(), value.c_str(), 0);
      const std::string temporary = format->url;
      check(avio_open(&format->pb, temporary.c_str(), AVIO_FLAG_WRITE), "cannot create the file");
      temporaries.push_back(temporary);
      targets.push_back(options.path);
      AVDictionary* muxer_options = nullptr;
      if (f == Format::Mp4) av_dict_set(&muxer_options, "movflags", "+faststart", 0);  // moov first: plays while loading
      if (f == Format::Gif) av_dict_set(&muxer_options, "loop", "0", 0);              // loop forever
      const int written_header = avformat_write_header(format, &muxer_options);
      av_dict_free(&muxer_options);
      check(written_header, "cannot write the header");
      header_written = true;
    }

    picture = av_frame_alloc();
    packet = av_packet_alloc();
    picture->format = pixels;
    picture->width = options.width;
    picture->height = options.height;
    check(av_frame_get_buffer(picture, 0), "out of memory for a frame");
    if (f != Format::Gif) {
      sws = sws_getContext(options.width, options.height, AV_PIX_FMT_RGBA, options.width, options.height, pixels,
                           SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
      if (!sws) throw std::runtime_error(options.path + ": cannot convert RGBA to the codec's pixels");
      if (pixels == AV_PIX_FMT_YUV420P)  // BT.709 limited range, as the stream says
        sws_setColorspaceDetails(sws, sws_getCoefficients(SWS_CS_DEFAULT), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0,
                                 1 << 16, 1 << 16);
    }
  }

  int palette_index(const std::uint8_t* p) {
    std::int16_t& slot = palette_lookup[static_cast<std::size_t>(bin_of(p[0], p[1], p[2]))];
    if (slot >= 0) return slot;
    // The nearest entry to the bin's centre.
    const int half = 1 << (7 - kBits);
    const int r = (p[0] & ~((1 << (8 - kBits)) - 1)) + half, g = (p[1] & ~((1 << (8 - kBits)) - 1)) + half,
              b = (p[2] & ~((1 << (8 - kBits)) - 1)) + half;
    int best = 0, best_distance = 1 << 30;
    for (int i = 0; i < 255; ++i) {
      if (!(palette[static_cast<std::size_t>(i)] >> 24)) continue;
      const int dr = static_cast<int>(palette[static_cast<std::size_t>(i)] >> 16 & 0xff) - r;
      const int dg = static_cast<int>(palette[static_cast<std::size_t>(i)] >> 8 & 0xff) - g;
      const int db = static_cast<int>(palette[static_cast<std::size_t>(i)] & 0xff) - b;
      const int d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;  // green counts most to the eye
      if (d < best_distance) best_distance = d, best = i;
    }
    return slot = static_cast<std::int16_t>(best);
  }

  void drain_packets() {
    for (;;) {
      const int got = avcodec_receive_packet(codec, packet);
      if (got == AVERROR(EAGAIN) || got == AVERROR_EOF) return;
      check(got, "encoding failed");
      if (format) {
        av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
        packet->stream_index = stream->index;
        check(av_interleaved_write_frame(format, packet), "cannot write (disk full?)");
      } else {
        write_png_frame();
      }
      av_packet_unref(packet);
    }
  }

  void write_png_frame() {
    const std::int64_t number = static_cast<std::int64_t>(targets.size()) + 1;
    const std::string target = sequence_path(options.path, number), temporary = temporary_for(target);
    temporaries.push_back(temporary);
    targets.push_back(target);
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) throw std::runtime_error(temporary + ": cannot create the file");
    const bool ok = std::fwrite(packet->data, 1, static_cast<std::size_t>(packet->size), file) ==
                    static_cast<std::size_t>(packet->size);
    if (std::fclose(file) != 0 || !ok) throw std::runtime_error(temporary + ": cannot write (disk full?)");
  }

  void encode(const Frame& frame) {
    if (frame.width != options.width || frame.height != options.height ||
        frame.rgba.size() != static_cast<std::size_t>(frame.width) * frame.height * 4)
      throw std::runtime_error(options.path + ": frame of " + std::to_string(frame.width) + "x" +
                               std::to_string(frame.height) + " in a clip of " + std::to_string(options.width) + "x" +
                               std::to_string(options.height));
    check(av_frame_make_writable(picture), "out of memory for a frame");
    if (options.format == Format::Gif) {
      if (palette_lookup.empty()) {  // no samples were given: the first frame's colours
        const std::vector<std::uint32_t> chosen = choose_palette({frame}, 255);
        for (std::size_t i = 0; i < chosen.size(); ++i) palette[i] = 0xff000000u | chosen[i];
        palette_lookup.assign(kBins, -1);
      }
      for (int y = 0; y < frame.height; ++y) {
        const std::uint8_t* row = frame.rgba.data() + static_cast<std::size_t>(y) * frame.width * 4;
        std::uint8_t* out = picture->data[0] + static_cast<std::ptrdiff_t>(y) * picture->linesize[0];
        for (int x = 0; x < frame.width; ++x) out[x] = static_cast<std::uint8_t>(palette_index(row + 4 * x));
      }
      std::memcpy(picture->data[1], palette.data(), AVPALETTE_SIZE);
      picture->pts = (encoded * 100 + options.fps / 2) / options.fps;  // centiseconds
    } else {
      const std::uint8_t* source[1] = {frame.rgba.data()};
      const int stride[1] = {frame.width * 4};
      sws_scale(sws, source, stride, 0, frame.height, picture->data, picture->linesize);
      picture->pts = encoded;
    }
    check(avcodec_send_frame(codec, picture), "encoding failed");
    drain_packets();
    ++encoded;
  }

  void close() {
    check(avcodec_send_frame(codec, nullptr), "encoding failed");
    drain_packets();
    if (format) {
      trailer_written = true;  // tried: not again on release
      check(av_write_trailer(format), "cannot finish the file (disk full?)");
      check(avio_closep(&format->pb), "cannot close the file (disk full?)");
    }
  }

  void run() {
    try {
      for (;;) {
        Frame frame;
        {
          std::unique_lock lock(mutex);
          changed.wait(lock, [&] { return stopping || !queue.empty() || closing; });
          if (stopping) return;
          if (queue.empty()) break;  // closing, everything encoded
          frame = std::move(queue.front());
          queue.pop_front();
        }
        changed.notify_all();
        encode(frame);
      }
      close();
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex);
      error = e.what();
    }
    std::lock_guard lock(mutex);
    done = true;
    changed.notify_all();
  }

  void stop_worker(bool drain) {
    {
      std::lock_guard lock(mutex);
      (drain ? closing : stopping) = true;
    }
    changed.notify_all();
    if (worker.joinable()) worker.join();
  }
};

Encoder::Encoder(EncoderOptions options) : impl_(std::make_unique<Impl>()) {
  av_log_set_level(AV_LOG_ERROR);  // x264's and the muxers' chatter is not the user's business
  impl_->options = std::move(options);
  try {
    impl_->open();
  } catch (...) {
    impl_->release();
    impl_->remove_temporaries();
    throw;
  }
  impl_->options.palette_samples.clear();
  impl_->worker = std::thread([impl = impl_.get()] { impl->run(); });
}

Encoder::~Encoder() { abort(); }

void Encoder::push(Frame frame) {
  Impl& s = *impl_;
  std::unique_lock lock(s.mutex);
  s.changed.wait(lock, [&] {
    return s.done || static_cast<int>(s.queue.size()) < std::max(1, s.options.queue_frames);
  });
  if (s.finished || s.stopping) throw std::logic_error("Encoder::push after finish or abort");
  if (s.done) throw std::runtime_error(s.error.empty() ? s.options.path + ": the encoder stopped" : s.error);
  s.queue.push_back(std::move(frame));
  lock.unlock();
  s.changed.notify_all();
}

void Encoder::finish() {
  Impl& s = *impl_;
  if (s.finished) return;
  s.stop_worker(true);
  s.finished = true;
  std::string error = s.error;
  s.release();
  if (error.empty() && s.encoded == 0) error = s.options.path + ": no frames to write";
  if (error.empty())
    for (std::size_t i = 0; i < s.temporaries.size(); ++i) {
      std::error_code rename_error;
      fs::rename(s.temporaries[i], s.targets[i], rename_error);
      if (rename_error) {
        // Undo what was renamed, so a sequence is all there or not at all.
        for (std::size_t k = 0; k < i; ++k) {
          std::error_code ignored;
          fs::remove(s.targets[k], ignored);
        }
        error = s.targets[i] + ": cannot rename the finished file into place: " + rename_error.message();
        break;
      }
      s.written.push_back(s.targets[i]);
    }
  if (!error.empty()) {
    s.written.clear();
    s.remove_temporaries();
    throw std::runtime_error(error);
  }
  s.temporaries.clear();
}

void Encoder::abort() {
  if (!impl_) return;
  Impl& s = *impl_;
  if (s.finished && s.temporaries.empty()) return;
  s.stop_worker(false);
  s.finished = true;
  s.release();
  s.remove_temporaries();
}

std::int64_t Encoder::frames_encoded() const { return impl_->encoded; }
const std::vector<std::string>& Encoder::written() const { return impl_->written; }

}  // namespace patrolscope::video
