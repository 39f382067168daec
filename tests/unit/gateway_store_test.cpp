// The gateway's persistent state: schema, device registry (online/offline transitions and what
// survives a restart), stored envelopes, API tokens (stored hashed).
#include <gtest/gtest.h>

#include <set>

#include "auth/admin_token.hpp"
#include "auth/token_store.hpp"
#include "blobs/blob_store.hpp"
#include "common/sha256.hpp"
#include "devices/registry.hpp"
#include "gateway_test_support.hpp"
#include "store/database.hpp"
#include "store/meta.hpp"
#include "store/schema.hpp"
#include "store/state_dir.hpp"

namespace tc::gw {
namespace {

using test::registration;
using test::TempDir;

class GatewayStore : public ::testing::Test {
 protected:
  std::unique_ptr<Database> open() {
    auto db = std::make_unique<Database>(dir_.file("gateway.db"));
    migrate(*db);
    return db;
  }

  TempDir dir_;
};

TEST_F(GatewayStore, MigrationIsIdempotentAndMetaPersists) {
  {
    auto db = open();
    Meta meta(*db);
    EXPECT_EQ(meta.get("x", 7), 7);
    meta.set("x", 42);
  }
  auto db = open();
  EXPECT_EQ(Meta(*db).get("x", 7), 42);
}

TEST_F(GatewayStore, RefusesADatabaseFromANewerGateway) {
  {
    auto db = open();
    auto lock = db->lock();
    db->exec("PRAGMA user_version = 999");
  }
  Database db(dir_.file("gateway.db"));
  EXPECT_THROW(migrate(db), StoreError);
}

TEST_F(GatewayStore, StateDirIsLockedAgainstASecondGateway) {
  const StateDir first(dir_.file("state"));
  EXPECT_THROW(StateDir second(dir_.file("state")), std::runtime_error);
}

TEST_F(GatewayStore, RegistrationBringsADeviceOnlineAndExpiryTakesItOffline) {
  auto db = open();
  Registry registry(*db);
  RegistrationChange c =
      registry.registered(registration("d1", "coap://127.0.0.1:5701"), false, 1000);
  EXPECT_TRUE(c.came_online);
  EXPECT_TRUE(c.observe_events);
  EXPECT_EQ(registry.online_address("d1"), "coap://127.0.0.1:5701");
  EXPECT_EQ(registry.online_count(), 1u);

  registry.set_observing("d1", true);
  c = registry.registered(registration("d1", "coap://127.0.0.1:5701"), true, 2000);
  EXPECT_FALSE(c.came_online);
  EXPECT_FALSE(c.observe_events) << "a refresh of an observed device changes nothing";
  EXPECT_EQ(c.device.registered_at_ms, 1000);
  EXPECT_EQ(c.device.last_seen_ms, 2000);

  const std::optional<Device> before = registry.unregistered("d1", 3000);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->online);
  EXPECT_FALSE(registry.online_address("d1"));
  EXPECT_FALSE(registry.unregistered("d1", 3100)) << "already offline";
  EXPECT_FALSE(registry.unregistered("nobody", 3100));
  const std::optional<Device> after = registry.find("d1");
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->online);
  EXPECT_EQ(after->offline_since_ms, 3000);

  c = registry.registered(registration("d1", "coap://127.0.0.1:5702"), false, 4000);
  EXPECT_TRUE(c.came_online);
  EXPECT_TRUE(c.address_changed);
  EXPECT_EQ(c.device.first_seen_ms, 1000);
  EXPECT_EQ(registry.online_address("d1"), "coap://127.0.0.1:5702");
}

TEST_F(GatewayStore, AnObservationThatEndedStartsAgainAtTheNextRefresh) {
  auto db = open();
  Registry registry(*db);
  (void)registry.registered(registration("d1", "coap://127.0.0.1:5701"), false, 1000);
  registry.set_observing("d1", true);
  registry.set_observing("d1", false);
  EXPECT_TRUE(
      registry.registered(registration("d1", "coap://127.0.0.1:5701"), true, 2000).observe_events);
}

TEST_F(GatewayStore, KnownDevicesSurviveARestartOffline) {
  {
    auto db = open();
    Registry registry(*db);
    (void)registry.registered(registration("d1", "coap://127.0.0.1:5701"), false, 1000);
    (void)registry.registered(registration("d2", "coap://127.0.0.1:5702", 30), false, 1100);
    registry.set_events_next("d2", 17);
  }
  auto db = open();
  Registry registry(*db);
  const std::vector<Device> devices = registry.list();
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].id, "d1");
  EXPECT_FALSE(devices[0].online);
  EXPECT_GT(devices[0].offline_since_ms, 0) << "offline since this run started";
  EXPECT_EQ(devices[1].lifetime_s, 30);
  EXPECT_EQ(devices[1].events_next, 17u);
  EXPECT_EQ(devices[1].links, "</dev>;rt=tc.dev");
  EXPECT_EQ(registry.online_count(), 0u);
}

TEST_F(GatewayStore, BlobsAreKeyedBySha256AndPersist) {
  const std::vector<uint8_t> bytes = {0xa1, 0x01, 0x02};
  std::string key;
  {
    auto db = open();
    BlobStore blobs(*db);
    key = blobs.put(bytes);
    EXPECT_EQ(key, sha256_hex(bytes));
    EXPECT_EQ(blobs.put(bytes), key) << "the same content is stored once";
    EXPECT_EQ(blobs.count(), 1u);
    EXPECT_EQ(blobs.blob("nope"), nullptr);
  }
  auto db = open();
  BlobStore blobs(*db);
  ASSERT_NE(blobs.blob(key), nullptr);
  EXPECT_EQ(*blobs.blob(key), bytes);
  blobs.retain_only({});
  EXPECT_EQ(blobs.blob(key), nullptr);
  EXPECT_EQ(BlobStore(*db).count(), 0u) << "removed from the database too";
}

TEST_F(GatewayStore, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(sha256_hex(std::string_view("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(GatewayStore, TokensAreStoredHashedAndVerified) {
  std::string secret;
  std::string id;
  {
    auto db = open();
    TokenStore tokens(*db);
    EXPECT_TRUE(tokens.empty());
    const NewToken t = tokens.create("ci");
    secret = t.secret;
    id = t.info.id;
    EXPECT_EQ(secret.rfind("tcg_", 0), 0u);
    EXPECT_EQ(secret.size(), 4u + 64u);
    EXPECT_EQ(tokens.verify(secret), id);
    std::string wrong = secret;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(tokens.verify(wrong));
    EXPECT_FALSE(tokens.verify("garbage"));
    EXPECT_FALSE(tokens.verify(""));
  }
  auto db = open();
  {
    auto lock = db->lock();
    Statement s = db->prepare("SELECT hash FROM tokens");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.text(0), sha256_hex(secret)) << "only the hash is stored";
  }
  TokenStore tokens(*db);
  EXPECT_EQ(tokens.verify(secret), id) << "valid after a restart";
  ASSERT_EQ(tokens.list().size(), 1u);
  EXPECT_EQ(tokens.list()[0].name, "ci");
  EXPECT_FALSE(tokens.remove("no-such-id"));
  EXPECT_TRUE(tokens.remove(id));
  EXPECT_FALSE(tokens.verify(secret));
  EXPECT_TRUE(TokenStore(*db).empty());
}

TEST_F(GatewayStore, TheAdminTokenIsMadeOnceAndWrittenPrivately) {
  auto db = open();
  TokenStore tokens(*db);
  const std::string file = dir_.file("admin.token");
  const std::optional<std::string> first = create_admin_token(tokens, file);
  ASSERT_TRUE(first);
  EXPECT_TRUE(tokens.verify(*first));
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(create_admin_token(tokens, file)) << "not again once a token exists";
}

TEST_F(GatewayStore, AnUnwritableAdminTokenFileLeavesNoToken) {
  auto db = open();
  TokenStore tokens(*db);
  EXPECT_THROW((void)create_admin_token(tokens, dir_.file("missing/dir/admin.token")),
               std::runtime_error);
  EXPECT_TRUE(tokens.empty());
}

}  // namespace
}  // namespace tc::gw
