package dev.ghostrecords.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void should_turn_the_postgres_url_of_a_hosting_platform_into_jdbc_and_credentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://ghost:s%40cret@db.example:6543/catalog?sslmode=require", "postgres", "");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/catalog?sslmode=require");
        assertThat(url.user()).isEqualTo("ghost");
        assertThat(url.password()).isEqualTo("s@cret");

        DatabaseUrl long_ = DatabaseUrl.parse("postgresql://ghost@db.example/catalog", "postgres", "from-env");
        assertThat(long_.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/catalog");
        assertThat(long_.user()).isEqualTo("ghost");
        assertThat(long_.password()).as("none in the URL: GHOST_DB_PASSWORD").isEqualTo("from-env");
    }

    @Test
    void should_keep_a_jdbc_url_and_take_its_password_out_so_it_is_never_logged() {
        DatabaseUrl plain = DatabaseUrl.parse(" jdbc:postgresql://localhost:5432/ghost ", "ghost", "pw");
        assertThat(plain).isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost:5432/ghost", "ghost", "pw"));

        DatabaseUrl withPassword = DatabaseUrl.parse("jdbc:postgresql://localhost/ghost?user=app&password=hunter2&ssl=true", "postgres", "");
        assertThat(withPassword.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/ghost?ssl=true").doesNotContain("hunter2");
        assertThat(withPassword.user()).isEqualTo("app");
        assertThat(withPassword.password()).isEqualTo("hunter2");

        assertThat(DatabaseUrl.parse("", "postgres", "").jdbcUrl()).as("empty: the embedded PostgreSQL").isEmpty();
    }

    @Test
    void should_refuse_other_urls_saying_which_form_to_use_without_showing_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/ghost", "postgres", ""))
                .hasMessage("GHOST_DB_URL='mysql://root:***@db/ghost' is not a PostgreSQL URL; use jdbc:postgresql://host:port/db"
                        + " (or postgres://user:password@host:port/db) (setting ghost.db.url)")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("db.example:5432/ghost", "postgres", ""))
                .hasMessageContaining("use jdbc:postgresql://host:port/db");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:mysql://db/ghost?password=hunter2", "postgres", ""))
                .hasMessageStartingWith("GHOST_DB_URL='jdbc:mysql://db/ghost?password=***'");
    }
}
