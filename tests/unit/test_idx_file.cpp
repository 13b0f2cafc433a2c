// IDX reader (runs/data/idx_file.hpp, docs/datasets.md "IDX files"): small files written here byte by
// byte, plain and gzip, read back exactly; every malformation is refused with an InputError that
// names the file and says what is wrong. Exact comparisons: the reader must not alter a byte.
#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runs/data/idx_file.hpp"
#include "runs/input/input_error.hpp"

using namespace hebbmc;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

// A temporary directory removed at the end of the test case.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("hebbmc_idx_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int c = 0;
    return c;
  }
};

// Header of an unsigned-byte IDX file with the given sizes (big-endian), written independently of the reader.
Bytes header(const std::vector<std::uint32_t>& dims, std::uint8_t type = 0x08) {
  Bytes h{0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (std::uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8) h.push_back(static_cast<std::uint8_t>(d >> shift));
  return h;
}

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void write_plain(const fs::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

void write_gzip(const fs::path& p, const Bytes& b) {
  gzFile f = gzopen(p.c_str(), "wb");
  REQUIRE(f != nullptr);
  if (!b.empty()) REQUIRE(gzwrite(f, b.data(), static_cast<unsigned>(b.size())) == static_cast<int>(b.size()));
  gzclose(f);
}

// The message of the InputError thrown by f (fails the test if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const runs::InputError& e) {
    return e.what();
  }
  FAIL("no InputError thrown");
  return {};
}

// 3 images of 2 x 4 pixels with distinct values, and their labels.
const Bytes kPixels{0, 1, 2, 3, 4, 5, 6, 7, 10, 20, 30, 40, 50, 60, 70, 80, 255, 254, 253, 252, 128, 127, 126, 125};
const Bytes kLabels{9, 0, 3};

}  // namespace

TEST_CASE("IDX round trip, plain and gzip: every byte and size read back exactly") {
  TempDir dir;
  for (const bool gz : {false, true}) {
    CAPTURE(gz);
    const fs::path img = dir.path / (gz ? "img.gz" : "img"), lab = dir.path / (gz ? "lab.gz" : "lab");
    (gz ? write_gzip : write_plain)(img, concat(header({3, 2, 4}), kPixels));
    (gz ? write_gzip : write_plain)(lab, concat(header({3}), kLabels));
    const models::LabelledImages set = models::read_labelled_images(img, lab, 10);
    CHECK(set.images.count == 3);
    CHECK(set.images.rows == 2);
    CHECK(set.images.cols == 4);
    CHECK(set.images.pixels == kPixels);
    CHECK(set.labels == kLabels);
    CHECK(set.images.image(2)[0] == 255);
  }
}

TEST_CASE("IDX sizes above 255 use all four big-endian bytes") {
  // 300 labels (0x0000012C): a reader using only the last byte would see 44.
  TempDir dir;
  Bytes labels(300);
  for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::uint8_t>(i % 10);
  write_gzip(dir.path / "l.gz", concat(header({300}), labels));
  CHECK(models::read_idx_labels(dir.path / "l.gz", 10) == labels);
}

TEST_CASE("IDX malformations are refused with the file name and the reason") {
  TempDir dir;
  const fs::path f = dir.path / "bad.idx";
  const auto img = [&] { return models::read_idx_images(f); };
  const auto lab = [&] { return models::read_idx_labels(f, 10); };
  SUBCASE("missing file") {
    const std::string m = error_of(img);
    CHECK(m.find(f.string()) != std::string::npos);
    CHECK(m.find("file not found") != std::string::npos);
  }
  SUBCASE("a directory") {
    fs::create_directories(f);
    CHECK(error_of(img).find("is a directory") != std::string::npos);
  }
  for (const bool gz : {false, true}) {
    CAPTURE(gz);
    const auto write = gz ? write_gzip : write_plain;
    SUBCASE("empty file") {
      write(f, {});
      CHECK(error_of(img).find("shorter than the 4-byte magic") != std::string::npos);
    }
    SUBCASE("wrong magic") {
      write(f, concat(Bytes{0x12, 0x34, 0x08, 0x03}, kPixels));
      const std::string m = error_of(img);
      CHECK(m.find(f.string()) != std::string::npos);
      CHECK(m.find("wrong magic number") != std::string::npos);
    }
    SUBCASE("unsupported data type") {
      write(f, concat(header({3, 2, 4}, 0x0D), kPixels));
      CHECK(error_of(img).find("0x0D (float) not supported") != std::string::npos);
    }
    SUBCASE("zero dimensions") {
      write(f, Bytes{0, 0, 8, 0});
      CHECK(error_of(img).find("0 dimensions") != std::string::npos);
    }
    SUBCASE("truncated header") {
      write(f, Bytes{0, 0, 8, 3, 0, 0, 0, 3, 0, 0});
      CHECK(error_of(img).find("truncated header") != std::string::npos);
    }
    SUBCASE("truncated data") {
      write(f, concat(header({3, 2, 4}), Bytes(kPixels.begin(), kPixels.end() - 5)));
      const std::string m = error_of(img);
      CHECK(m.find("truncated data") != std::string::npos);
      CHECK(m.find("announces 24 bytes, the file holds 19") != std::string::npos);
    }
    SUBCASE("longer than the header says") {
      write(f, concat(header({2, 2, 4}), kPixels));
      CHECK(error_of(img).find("sizes do not match the file length") != std::string::npos);
    }
    SUBCASE("a huge header over a tiny file: refused, not allocated") {
      // 0xFFFFFFFF^3 bytes announced: more than 2^40, refused before any allocation.
      write(f, concat(header({0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}), kPixels));
      CHECK(error_of(img).find("more than 2^40 bytes") != std::string::npos);
      // 2^32 - 1 bytes announced (under the cap), 24 present: truncated, reported without a 4 GB buffer.
      write(f, concat(header({0xFFFFFFFFu}), kPixels));
      CHECK(error_of(lab).find("truncated data") != std::string::npos);
    }
    SUBCASE("images file with the wrong rank") {
      write(f, concat(header({24}), kPixels));
      CHECK(error_of(img).find("image file has 3 dimensions") != std::string::npos);
    }
    SUBCASE("label file with the wrong rank") {
      write(f, concat(header({3, 2, 4}), kPixels));
      CHECK(error_of(lab).find("label file has 1 dimension") != std::string::npos);
    }
    SUBCASE("label out of range") {
      write(f, concat(header({3}), Bytes{1, 10, 2}));
      const std::string m = error_of(lab);
      CHECK(m.find("label 10 of item 1 out of range [0, 9]") != std::string::npos);
    }
    SUBCASE("empty image set") {
      write(f, header({0, 28, 28}));
      CHECK(error_of(img).find("empty image file") != std::string::npos);
    }
  }
  SUBCASE("corrupt gzip stream") {
    Bytes gz;
    write_gzip(f, concat(header({3, 2, 4}), kPixels));
    {
      std::ifstream in(f, std::ios::binary);
      gz.assign(std::istreambuf_iterator<char>(in), {});
    }
    SUBCASE("cut in the middle") {
      write_plain(f, Bytes(gz.begin(), gz.begin() + static_cast<long>(gz.size() / 2)));
      const std::string m = error_of(img);
      CHECK((m.find("truncated gzip stream") != std::string::npos || m.find("corrupt gzip") != std::string::npos));
    }
    SUBCASE("damaged checksum") {
      // The CRC-32 of the trailer no longer matches the (intact) data: zlib reports it at the end.
      gz[gz.size() - 8] ^= 0xFF;
      write_plain(f, gz);
      CHECK(error_of(img).find("corrupt gzip data") != std::string::npos);
    }
  }
}

TEST_CASE("images and labels of different lengths are refused") {
  TempDir dir;
  write_plain(dir.path / "i", concat(header({3, 2, 4}), kPixels));
  write_plain(dir.path / "l", concat(header({2}), Bytes{1, 2}));
  const std::string m = error_of([&] { return models::read_labelled_images(dir.path / "i", dir.path / "l", 10); });
  CHECK(m.find("3 images but 2 labels") != std::string::npos);
}
