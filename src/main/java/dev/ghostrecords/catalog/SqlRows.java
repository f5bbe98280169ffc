package dev.ghostrecords.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.util.RawValue;
import org.apache.camel.component.sql.RowMapperFactory;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * How camel-sql hands rows to the routes: ready to be written as the API's JSON. Columns become
 * camelCase keys ({@code first_seen_at} is {@code firstSeenAt}), times are UTC {@link OffsetDateTime}s,
 * json and jsonb columns stay raw JSON; with {@code outputClass} a row fills a record's components by name.
 */
public final class SqlRows implements RowMapperFactory {

    @Override
    public RowMapper<?> newColumnRowMapper() {
        return new ColumnMapRowMapper() {
            @Override
            protected String getColumnKey(String column) {
                return JdbcUtils.convertUnderscoreNameToPropertyName(column);
            }

            @Override
            protected Object getColumnValue(ResultSet rs, int index) throws SQLException {
                int type = rs.getMetaData().getColumnType(index);
                String typeName = rs.getMetaData().getColumnTypeName(index);
                if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(typeName)) {
                    OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
                    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
                }
                if ("jsonb".equals(typeName) || "json".equals(typeName)) {
                    String json = rs.getString(index);
                    return json == null ? null : new RawValue(json);
                }
                return super.getColumnValue(rs, index);
            }
        };
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> mappedClass) {
        return new DataClassRowMapper<>(mappedClass);
    }
}
