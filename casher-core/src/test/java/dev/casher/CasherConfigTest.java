package dev.casher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CasherConfigTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/u");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void resolve_nothingSet_usesDefaultsAndSaysSo() {
        CasherConfig c = CasherConfig.resolve(null, Map.of(), props());
        assertThat(c.cacheDir()).isEqualTo(Path.of("/home/u/.cache/casher"));
        assertThat(c.maxCacheBytes()).isEqualTo(32L << 30);
        assertThat(c.settings().get("cache-dir").source()).contains("default");
    }

    @Test
    void resolve_xdgCacheHome_isRespected() {
        CasherConfig c = CasherConfig.resolve(null, Map.of("XDG_CACHE_HOME", "/xdg"), props());
        assertThat(c.cacheDir()).isEqualTo(Path.of("/xdg/casher"));
    }

    @Test
    void resolve_precedence_configureThenPropertyThenEnvironment() {
        Map<String, String> env = Map.of("CASHER_CACHE_DIR", "/env", "CASHER_MAX_CACHE_BYTES", "1G");
        CasherConfig fromEnv = CasherConfig.resolve(null, env, props());
        assertThat(fromEnv.cacheDir()).isEqualTo(Path.of("/env"));
        assertThat(fromEnv.maxCacheBytes()).isEqualTo(1L << 30);
        assertThat(fromEnv.settings().get("max-cache-bytes").source()).contains("CASHER_MAX_CACHE_BYTES");

        CasherConfig fromProp = CasherConfig.resolve(null, env, props("casher.cache-dir", "/prop",
                "casher.max-cache-bytes", "500M"));
        assertThat(fromProp.cacheDir()).isEqualTo(Path.of("/prop"));
        assertThat(fromProp.maxCacheBytes()).isEqualTo(500L << 20);

        CasherConfig explicit = CasherConfig.builder().cacheDir(Path.of("/explicit")).maxCacheBytes(1234).build();
        CasherConfig fromApi = CasherConfig.resolve(explicit, env, props("casher.cache-dir", "/prop"));
        assertThat(fromApi.cacheDir()).isEqualTo(Path.of("/explicit"));
        assertThat(fromApi.maxCacheBytes()).isEqualTo(1234L);
        assertThat(fromApi.settings().get("cache-dir").source()).isEqualTo("Casher.configure");
    }

    @Test
    void resolve_invalidSizes_nameTheSettingAndTheAcceptedForm() {
        for (String bad : new String[] {"-5", "lots", "0", "12Q", ""}) {
            assertThatThrownBy(() -> CasherConfig.resolve(null, Map.of("CASHER_MAX_CACHE_BYTES", bad), props()))
                    .isInstanceOf(CasherException.class)
                    .hasMessageContaining("max-cache-bytes")
                    .hasMessageContaining("CASHER_MAX_CACHE_BYTES")
                    .hasMessageContaining("e.g. 1073741824, 500M or 32G");
        }
        assertThatThrownBy(() -> CasherConfig.builder().maxCacheBytes(-1))
                .hasMessageContaining("max-cache-bytes").hasMessageContaining("positive");
    }

    @Test
    void resolve_relativeCacheDir_isRejectedWithTheAbsoluteForm() {
        assertThatThrownBy(() -> CasherConfig.resolve(null, Map.of("CASHER_CACHE_DIR", "rel/cache"), props()))
                .isInstanceOf(CasherException.class)
                .hasMessageContaining("cache-dir 'rel/cache'")
                .hasMessageContaining("must be an absolute path");
        assertThatThrownBy(() -> CasherConfig.builder().cacheDir(Path.of("x")))
                .hasMessageContaining("absolute");
    }

    @Test
    void parseSize_acceptsCommonForms() {
        assertThat(CasherConfig.parseSize("1073741824", "t")).isEqualTo(1L << 30);
        assertThat(CasherConfig.parseSize("32G", "t")).isEqualTo(32L << 30);
        assertThat(CasherConfig.parseSize("2GiB", "t")).isEqualTo(2L << 30);
        assertThat(CasherConfig.parseSize("10 MB", "t")).isEqualTo(10L << 20);
        assertThat(CasherConfig.parseSize("4k", "t")).isEqualTo(4096L);
    }
}
