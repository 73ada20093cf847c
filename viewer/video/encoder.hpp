// Video files from RGBA frames, through Debian's FFmpeg libraries: H.264 (yuv420p, MP4 with
// faststart, so PowerPoint and Keynote play it), VP9 in WebM, GIF with one palette for the
// whole clip, or a numbered PNG sequence. Frames are converted and encoded on a worker thread
// beside the caller (a bounded queue); the output is written under a temporary name and
// renamed only by finish(), so a failure, abort() or a destroyed encoder leaves nothing at the
// target. No GL, no ImGui: plain pixels in, files out.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace patrolscope::video {

enum class Format { Mp4, WebM, Gif, PngSequence };
const char* to_string(Format format);  // "MP4 (H.264)", …

// From the target's name: .mp4/.m4v, .webm, .gif, or a .png name holding a printf
// frame-number field (OUT_%04d.png). nullopt for anything else.
std::optional<Format> format_for_path(const std::string& path);

// A sequence pattern without its frame-number field: "out/brief_%04d.png" → "out/brief.png".
std::string sequence_base(const std::string& pattern);

struct Frame {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // top row first, straight alpha (alpha is ignored but for PNG)
};

struct EncoderOptions {
  std::string path;  // the target (a pattern for PNG sequences)
  Format format = Format::Mp4;
  int width = 0, height = 0;  // MP4 and WebM need even sizes (yuv420p halves the chroma)
  int fps = 30;
  int quality = 75;          // 1 (smallest) to 100 (best): the codec's constant-quality level
  bool alpha = false;        // PNG sequence: keep the alpha channel
  std::vector<Frame> palette_samples;  // GIF: frames the clip's one palette is chosen from
  std::vector<std::pair<std::string, std::string>> metadata;  // container tags (title, comment)
  int queue_frames = 4;      // frames waiting for the encoder before push() blocks
};

// "1281x720: H.264 needs an even width and height (try 1280x720)", or empty when the size suits.
std::string size_problem(Format format, int width, int height);

// The 256-colour palette (0xRRGGBB) a GIF uses, chosen by median cut from the samples' colours.
std::vector<std::uint32_t> choose_palette(const std::vector<Frame>& samples, int colours = 256);

class Encoder {
 public:
  // Opens the codec and the temporary output; throws std::runtime_error naming the path (odd
  // size, missing codec, unwritable directory).
  explicit Encoder(EncoderOptions options);
  ~Encoder();  // without finish(): as abort()
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  // Queues a frame of the encoder's size (blocks while the queue is full). Throws when the
  // worker has failed (disk full, …), with its message.
  void push(Frame frame);
  // Encodes what is queued, closes the file and renames it to the target. Throws on failure
  // (and then leaves nothing at the target).
  void finish();
  // Stops, and removes the temporary output. Safe to call more than once.
  void abort();

  std::int64_t frames_encoded() const;
  const std::vector<std::string>& written() const;  // after finish(): the target path(s)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace patrolscope::video
