// Server: block-wise transfers (RFC 7959): Block2 slicing with late and early negotiation, the
// representation's ETag and the snapshots later blocks come from, and Block1 reassembly with 2.31,
// 4.08, 4.13 and timeouts.
#include "coap_server_fixture.hpp"

namespace tc::coap::testing {
namespace {

std::string pattern(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; s.size() < n; ++i)
    s += static_cast<char>('a' + i % 26);
  return s;
}

class BlockTest : public ServerTest {
 protected:
  explicit BlockTest(ServerConfig config = {}) : ServerTest(config) {
    add({.path = "/large", .handler = &large});
    add({.path = "/upload", .allowed = methods::put | methods::post, .handler = &upload});
    add({.path = "/small-upload", .allowed = methods::put, .handler = &upload, .max_body = 100});
  }

  // Fetches /large block by block with the given SZX (nullopt: late negotiation).
  std::string fetch_all(std::optional<uint8_t> szx, uint8_t expect_szx) {
    std::string body;
    uint32_t num = 0;
    for (;;) {
      const auto out = get("/large", [&](MessageBuilder& b) {
        // After the first block a client uses the size the server answered with.
        if (num > 0) b.block(OptionNumber::block2, {num, false, expect_szx});
        if (szx && num == 0) b.block(OptionNumber::block2, {0, false, *szx});
      });
      EXPECT_EQ(out.size(), 1u);
      if (out.empty()) return body;
      const std::optional<Block> b2 = out[0].block(OptionNumber::block2);
      EXPECT_TRUE(b2.has_value());
      if (!b2) return body;
      EXPECT_EQ(b2->num, num);
      EXPECT_EQ(b2->szx, expect_szx);
      body += out[0].payload();
      if (!b2->more) return body;
      EXPECT_EQ(out[0].payload().size(), block_size(expect_szx));
      ++num;
    }
  }

  // Asks /large for block `num` of 1024 bytes from `from`.
  std::vector<Received> block_of_large(uint32_t num, const Endpoint& from) {
    return send(
        Type::confirmable, Code::get, next_mid++, "/large",
        [&](MessageBuilder& b) {
          b.block(OptionNumber::block2, {num, false, 6});
        },
        from);
  }

  // Sends `body` to `path` in blocks of `szx`; returns the responses.
  std::vector<Received> put_blocks(std::string_view path, const std::string& body, uint8_t szx,
                                   bool with_size1 = false) {
    std::vector<Received> all;
    const std::size_t size = block_size(szx);
    for (uint32_t num = 0; num * size < body.size() || (num == 0 && body.empty()); ++num) {
      const std::string chunk = body.substr(num * size, size);
      const bool more = (num + 1) * size < body.size();
      const auto out = send(Type::confirmable, Code::put, next_mid++, path, [&](MessageBuilder& b) {
        b.block(OptionNumber::block1, {num, more, szx});
        if (with_size1 && num == 0)
          b.uint_option(OptionNumber::size1, static_cast<uint32_t>(body.size()));
        b.payload(bytes_of(chunk));
      });
      all.insert(all.end(), out.begin(), out.end());
      if (out.empty() || code_class(out.back().m.code) != 2) break;
    }
    return all;
  }

  std::string representation = pattern(3000);
  int renderings = 0;
  FnHandler large{[this](const Request&, Response& r) {
    ++renderings;
    r.set_format(ContentFormat::text_plain);
    r.append(representation);
  }};
  std::vector<std::string> uploads;
  FnHandler upload{[this](const Request& req, Response& r) {
    uploads.push_back(text(req.payload));
    r.set_code(Code::changed);
    r.body().append_decimal(req.payload.size());
  }};
};

TEST_F(BlockTest, LateNegotiationUsesTheServerBlockSize) {
  const auto first = get("/large");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].block(OptionNumber::block2), (Block{0, true, 6}));
  EXPECT_EQ(first[0].uint(OptionNumber::size2), 3000u);
  EXPECT_EQ(fetch_all(std::nullopt, 6), representation);
}

TEST_F(BlockTest, EarlyNegotiationHonoursTheClientSize) {
  for (uint8_t szx : {0, 2, 4, 5, 6}) {
    EXPECT_EQ(fetch_all(szx, szx), representation) << int(szx);
  }
}

// The 4-byte ETag a Block2 response carries, or nullopt.
std::optional<std::vector<uint8_t>> etag_of(const Received& r) {
  const Option* o = r.m.find(OptionNumber::etag);
  if (o == nullptr) return std::nullopt;
  return std::vector<uint8_t>(o->value.begin(), o->value.end());
}

TEST_F(BlockTest, EveryBlockCarriesTheRepresentationTag) {
  std::optional<std::vector<uint8_t>> first;
  for (uint32_t num = 0; num * 1024 < representation.size(); ++num) {
    const auto out = get("/large", [&](MessageBuilder& b) {
      b.block(OptionNumber::block2, {num, false, 6});
    });
    ASSERT_EQ(out.size(), 1u);
    const std::optional<std::vector<uint8_t>> tag = etag_of(out[0]);
    ASSERT_TRUE(tag.has_value()) << num;
    EXPECT_EQ(tag->size(), 4u);
    if (!first) first = tag;
    EXPECT_EQ(tag, first) << num;
  }
  FnHandler tiny{[](const Request&, Response& r) { r.append("hi"); }};
  add({.path = "/tiny", .handler = &tiny});
  EXPECT_FALSE(etag_of(get("/tiny")[0]).has_value());  // one block: nothing to tell apart
}

TEST_F(BlockTest, LaterBlocksComeFromTheFirstRendering) {
  const std::string first = representation;
  std::string body = block_of_large(0, peer(1))[0].payload();
  EXPECT_EQ(server.transfers_active(), 1u);  // the snapshot
  representation.assign(3000, '#');          // changes while the client reads
  const auto second = block_of_large(1, peer(1));
  const auto third = block_of_large(2, peer(1));
  body += second[0].payload() + third[0].payload();
  EXPECT_EQ(body, first);
  EXPECT_EQ(renderings, 1);
  EXPECT_EQ(third[0].block(OptionNumber::block2), (Block{2, false, 6}));
  EXPECT_EQ(second[0].uint(OptionNumber::content_format),
            static_cast<uint32_t>(ContentFormat::text_plain));
  EXPECT_EQ(etag_of(second[0]), etag_of(third[0]));
  EXPECT_EQ(server.transfers_active(), 0u);  // released with the last block
}

TEST_F(BlockTest, ASnapshotServesOnlyItsOwnPeer) {
  (void)block_of_large(0, peer(1));
  representation.assign(3000, '#');
  const auto other = block_of_large(1, peer(2));
  EXPECT_EQ(other[0].payload(), std::string(1024, '#'));
  EXPECT_EQ(renderings, 2);
}

TEST_F(BlockTest, ASnapshotExpires) {
  (void)block_of_large(0, peer(1));
  poll_at(now + 60000);
  EXPECT_EQ(server.transfers_active(), 0u);
  (void)block_of_large(1, peer(1));
  EXPECT_EQ(renderings, 2);
}

TEST_F(BlockTest, WithoutAFreeSlotBlocksAreRenderedAnewAndTheTagShowsAChange) {
  const std::string chunk(64, 'q');
  send(Type::confirmable, Code::put, 1, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
  });
  const auto before = block_of_large(0, peer(1));
  representation[2500] = '!';  // in the last block only
  const auto after = block_of_large(1, peer(1));
  EXPECT_EQ(renderings, 2);
  ASSERT_TRUE(etag_of(before[0]) && etag_of(after[0]));
  EXPECT_NE(etag_of(before[0]), etag_of(after[0]));
}

TEST_F(BlockTest, AnUploadTakesASnapshotsSlot) {
  (void)block_of_large(0, peer(1));
  const std::string chunk(64, 'q');
  const auto started = send(Type::confirmable, Code::put, 1, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
  });
  EXPECT_EQ(started[0].m.code, Code::continue_);
  // The reader goes on from a new rendering of the unchanged representation: the same tag.
  const auto first = block_of_large(0, peer(2));
  const auto later = block_of_large(1, peer(1));
  EXPECT_EQ(renderings, 3);
  EXPECT_EQ(later[0].payload(), representation.substr(1024, 1024));
  EXPECT_EQ(etag_of(first[0]), etag_of(later[0]));
}

TEST_F(BlockTest, ARepresentationLargerThanASlotIsRenderedPerBlock) {
  representation = pattern(9000);  // the slots hold 8192 bytes
  EXPECT_EQ(fetch_all(std::nullopt, 6), representation);
  EXPECT_EQ(renderings, 9);
  EXPECT_EQ(server.transfers_active(), 0u);
}

TEST_F(BlockTest, BlockPastTheEndIsBadOption) {
  const auto out = get("/large", [](MessageBuilder& b) {
    b.block(OptionNumber::block2, {3, false, 6});  // offset 3072 >= 3000
  });
  EXPECT_EQ(out[0].m.code, Code::bad_option);
  const auto szx7 = get("/large", [](MessageBuilder& b) {
    const uint8_t raw[] = {0x07};
    b.option(OptionNumber::block2, std::span<const uint8_t>(raw));
  });
  EXPECT_EQ(szx7[0].m.code, Code::bad_option);
}

TEST_F(BlockTest, Size2OnRequest) {
  const auto out = get("/large", [](MessageBuilder& b) { b.uint_option(OptionNumber::size2, 0); });
  EXPECT_EQ(out[0].uint(OptionNumber::size2), 3000u);
}

TEST_F(BlockTest, SingleBlockResponseWithBlock2RequestEchoesBlock) {
  FnHandler tiny{[](const Request&, Response& r) { r.append("hi"); }};
  add({.path = "/tiny", .handler = &tiny});
  const auto out = get("/tiny", [](MessageBuilder& b) {
    b.block(OptionNumber::block2, {0, false, 2});
  });
  EXPECT_EQ(out[0].block(OptionNumber::block2), (Block{0, false, 2}));
  EXPECT_EQ(out[0].payload(), "hi");
}

TEST_F(BlockTest, Block1ReassemblesAndCallsHandlerOnce) {
  const std::string body = pattern(5000);
  const auto out = put_blocks("/upload", body, 2);
  ASSERT_EQ(out.size(), (5000u + 63) / 64);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    EXPECT_EQ(out[i].m.code, Code::continue_) << i;
    EXPECT_EQ(out[i].block(OptionNumber::block1), (Block{static_cast<uint32_t>(i), true, 2}));
  }
  EXPECT_EQ(out.back().m.code, Code::changed);
  EXPECT_EQ(out.back().block(OptionNumber::block1), (Block{78, false, 2}));
  EXPECT_EQ(out.back().payload(), "5000");
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0], body);
  EXPECT_EQ(server.transfers_active(), 0u);
}

TEST_F(BlockTest, Block1SingleBlockNeedsNoTransferSlot) {
  const auto out = put_blocks("/upload", "short", 6);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].m.code, Code::changed);
  EXPECT_EQ(out[0].block(OptionNumber::block1), (Block{0, false, 6}));
  EXPECT_EQ(uploads.at(0), "short");
}

TEST_F(BlockTest, Block1RetransmittedBlockIsDeduplicated) {
  const std::string chunk(64, 'q');
  const auto send_block = [&](uint16_t mid) {
    return send(Type::confirmable, Code::put, mid, "/upload", [&](MessageBuilder& b) {
      b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
    });
  };
  const auto a = send_block(40);
  const auto b = send_block(40);
  EXPECT_EQ(a[0].bytes, b[0].bytes);
  EXPECT_EQ(server.stats().duplicates, 1u);
}

TEST_F(BlockTest, Block1OutOfOrderIsIncomplete) {
  const std::string chunk(64, 'q');
  send(Type::confirmable, Code::put, 1, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
  });
  const auto skipped = send(Type::confirmable, Code::put, 2, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {2, true, 2}).payload(bytes_of(chunk));
  });
  EXPECT_EQ(skipped[0].m.code, Code::request_entity_incomplete);
  // Without a transfer in progress a later block is incomplete too.
  const auto orphan = send(Type::confirmable, Code::put, 3, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {1, false, 2}).payload(bytes_of("end"));
  });
  EXPECT_EQ(orphan[0].m.code, Code::request_entity_incomplete);
  EXPECT_TRUE(uploads.empty());
}

TEST_F(BlockTest, Block1WrongPayloadSizeIsBadRequest) {
  const auto out = send(Type::confirmable, Code::put, 1, "/upload", [](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 2}).payload(std::string_view("too short"));
  });
  EXPECT_EQ(out[0].m.code, Code::bad_request);
}

TEST_F(BlockTest, Block1TooLargeIsRequestEntityTooLargeWithSize1) {
  // The transfer buffer holds 8192 bytes.
  const auto out = put_blocks("/upload", pattern(9000), 6);
  EXPECT_EQ(out.back().m.code, Code::request_entity_too_large);
  EXPECT_EQ(out.back().uint(OptionNumber::size1), 8192u);
  EXPECT_EQ(out.size(), 9u);  // 8 blocks fit, the 9th does not
  EXPECT_EQ(server.transfers_active(), 0u);
  // Announced up front with Size1: refused at the first block.
  const auto early = put_blocks("/upload", pattern(9000), 6, true);
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].m.code, Code::request_entity_too_large);
  EXPECT_EQ(early[0].uint(OptionNumber::size1), 8192u);
  // A per-resource limit.
  const auto small = put_blocks("/small-upload", pattern(200), 4);
  EXPECT_EQ(small.back().m.code, Code::request_entity_too_large);
  EXPECT_EQ(small.back().uint(OptionNumber::size1), 100u);
  EXPECT_TRUE(uploads.empty());
}

TEST_F(BlockTest, Block1TransferTimesOut) {
  const std::string chunk(64, 'q');
  send(Type::confirmable, Code::put, 1, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
  });
  EXPECT_EQ(server.transfers_active(), 1u);
  poll_at(now + 60000);
  EXPECT_EQ(server.transfers_active(), 0u);
  const auto late = send(Type::confirmable, Code::put, 2, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {1, false, 2}).payload(bytes_of("end"));
  });
  EXPECT_EQ(late[0].m.code, Code::request_entity_incomplete);
}

TEST_F(BlockTest, Block1SecondTransferWhileBusyIsServiceUnavailable) {
  const std::string chunk(64, 'q');
  send(
      Type::confirmable, Code::put, 1, "/upload",
      [&](MessageBuilder& b) {
        b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
      },
      peer(1));
  const auto other = send(
      Type::confirmable, Code::put, 2, "/upload",
      [&](MessageBuilder& b) {
        b.block(OptionNumber::block1, {0, true, 2}).payload(bytes_of(chunk));
      },
      peer(2));
  EXPECT_EQ(other[0].m.code, Code::service_unavailable);
}

class SmallBlockTest : public BlockTest {
 protected:
  SmallBlockTest() : BlockTest(ServerConfig{.max_szx = 4}) {}
};

TEST_F(SmallBlockTest, ServerSizeCapsClientSize) {
  EXPECT_EQ(fetch_all(6, 4), representation);  // client asks 1024, gets 256
  EXPECT_EQ(get("/large")[0].block(OptionNumber::block2), (Block{0, true, 4}));
}

TEST_F(SmallBlockTest, Block1LargerClientBlocksAreCutToServerSize) {
  const std::string chunk = pattern(1024);
  const auto out = send(Type::confirmable, Code::put, 1, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {0, true, 6}).payload(bytes_of(chunk));
  });
  EXPECT_EQ(out[0].m.code, Code::continue_);
  EXPECT_EQ(out[0].block(OptionNumber::block1), (Block{0, true, 4}));
  // RFC 7959 2.5: the client continues with block 1 of 256 bytes.
  const std::string tail = chunk.substr(256, 10);
  const auto last = send(Type::confirmable, Code::put, 2, "/upload", [&](MessageBuilder& b) {
    b.block(OptionNumber::block1, {1, false, 4}).payload(bytes_of(tail));
  });
  EXPECT_EQ(last[0].m.code, Code::changed);
  EXPECT_EQ(uploads.at(0), chunk.substr(0, 266));
}

}  // namespace
}  // namespace tc::coap::testing
