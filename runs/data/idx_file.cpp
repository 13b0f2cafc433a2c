#include "runs/data/idx_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "runs/input/input_error.hpp"

namespace hebbmc::models {

namespace {

using runs::InputError;

// Largest payload accepted (1 TiB): a header above this is refused before anything is allocated.
constexpr std::int64_t kMaxPayload = std::int64_t{1} << 40;

// Owns a zlib file handle (gzopen reads plain files transparently).
struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw InputError(file.string(), 0, "", what);
}

// Reads up to `n` bytes into `out` (appending); returns the number read; throws on a zlib error.
std::size_t read_some(gzFile f, const std::filesystem::path& file, std::vector<std::uint8_t>& out, std::size_t n) {
  const std::size_t before = out.size();
  out.resize(before + n);
  const int got = gzread(f, out.data() + before, static_cast<unsigned>(n));
  int err = Z_OK;
  const char* msg = gzerror(f, &err);
  if (got < 0 || (err != Z_OK && err != Z_BUF_ERROR))
    fail(file, std::string("IDX: cannot read: corrupt gzip data (zlib: ") + (msg ? msg : "?") + ")");
  out.resize(before + static_cast<std::size_t>(std::max(got, 0)));
  if (err == Z_BUF_ERROR) fail(file, "IDX: truncated gzip stream (zlib: unexpected end of file)");
  return static_cast<std::size_t>(std::max(got, 0));
}

std::string type_name(int type) {
  switch (type) {
    case 0x09: return "0x09 (signed byte)";
    case 0x0B: return "0x0B (short)";
    case 0x0C: return "0x0C (int)";
    case 0x0D: return "0x0D (float)";
    case 0x0E: return "0x0E (double)";
    default: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "0x%02X", type);
      return buf;
    }
  }
}

}  // namespace

IdxArray read_idx(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) fail(file, "IDX: file not found");
  if (std::filesystem::is_directory(file, ec)) fail(file, "IDX: is a directory, expected an IDX file");
  GzFile f(gzopen(file.c_str(), "rb"));
  if (!f) fail(file, "IDX: cannot open the file");

  std::vector<std::uint8_t> head;
  if (read_some(f.get(), file, head, 4) < 4) fail(file, "IDX: file shorter than the 4-byte magic number");
  if (head[0] != 0 || head[1] != 0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "IDX: wrong magic number (first bytes 0x%02X 0x%02X, expected 0x00 0x00)", head[0],
                  head[1]);
    fail(file, buf);
  }
  if (head[2] != 0x08)
    fail(file, "IDX: data type " + type_name(head[2]) + " not supported; only 0x08 (unsigned byte)");
  const int D = head[3];
  if (D < 1 || D > 4) fail(file, "IDX: " + std::to_string(D) + " dimensions in the header; expected 1 to 4");
  std::vector<std::uint8_t> sizes;
  if (read_some(f.get(), file, sizes, 4 * static_cast<std::size_t>(D)) < 4 * static_cast<std::size_t>(D))
    fail(file, "IDX: truncated header (" + std::to_string(D) + " dimension sizes announced)");

  IdxArray out;
  std::int64_t expected = 1;
  for (int k = 0; k < D; ++k) {
    const std::int64_t s = (std::int64_t{sizes[4 * k]} << 24) | (std::int64_t{sizes[4 * k + 1]} << 16) |
                           (std::int64_t{sizes[4 * k + 2]} << 8) | std::int64_t{sizes[4 * k + 3]};
    out.dims.push_back(s);
    if (s > 0 && expected > kMaxPayload / s)
      fail(file, "IDX: header sizes multiply to more than 2^40 bytes; not a plausible IDX file");
    expected *= s;
  }
  // Read what is there, in chunks, never more than the header announces plus one byte.
  constexpr std::size_t chunk = std::size_t{1} << 20;
  const auto want = static_cast<std::size_t>(expected) + 1;
  while (out.data.size() < want) {
    if (read_some(f.get(), file, out.data, std::min(chunk, want - out.data.size())) == 0) break;
  }
  std::string shape;
  for (std::size_t k = 0; k < out.dims.size(); ++k) shape += (k ? " x " : "") + std::to_string(out.dims[k]);
  if (out.data.size() < static_cast<std::size_t>(expected))
    fail(file, "IDX: truncated data: the header (" + shape + ") announces " + std::to_string(expected) +
                   " bytes, the file holds " + std::to_string(out.data.size()));
  if (out.data.size() > static_cast<std::size_t>(expected))
    fail(file, "IDX: the file is longer than its header (" + shape + ", " + std::to_string(expected) +
                   " bytes) announces: sizes do not match the file length");
  return out;
}

IdxImages read_idx_images(const std::filesystem::path& file) {
  IdxArray a = read_idx(file);
  if (a.dims.size() != 3)
    fail(file, "IDX: an image file has 3 dimensions (count x rows x cols), this one has " +
                   std::to_string(a.dims.size()));
  if (a.dims[0] == 0 || a.dims[1] == 0 || a.dims[2] == 0) fail(file, "IDX: empty image file (a size is 0)");
  IdxImages img;
  img.count = a.dims[0];
  img.rows = a.dims[1];
  img.cols = a.dims[2];
  img.pixels = std::move(a.data);
  return img;
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file, int label_count) {
  IdxArray a = read_idx(file);
  if (a.dims.size() != 1)
    fail(file, "IDX: a label file has 1 dimension, this one has " + std::to_string(a.dims.size()));
  if (a.dims[0] == 0) fail(file, "IDX: empty label file");
  for (std::size_t t = 0; t < a.data.size(); ++t)
    if (a.data[t] >= label_count)
      fail(file, "IDX: label " + std::to_string(a.data[t]) + " of item " + std::to_string(t) + " out of range [0, " +
                     std::to_string(label_count - 1) + "]");
  return std::move(a.data);
}

LabelledImages read_labelled_images(const std::filesystem::path& images, const std::filesystem::path& labels,
                                    int label_count) {
  LabelledImages set;
  set.labels = read_idx_labels(labels, label_count);
  set.images = read_idx_images(images);
  if (static_cast<std::int64_t>(set.labels.size()) != set.images.count)
    fail(images, "IDX: " + std::to_string(set.images.count) + " images but " + std::to_string(set.labels.size()) +
                     " labels in " + labels.string());
  return set;
}

}  // namespace hebbmc::models
