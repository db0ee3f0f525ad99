package io.marketplace.integrations.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class MediaKindConverter implements AttributeConverter<MediaKind, String> {

    @Override
    public String convertToDatabaseColumn(MediaKind kind) {
        return kind == null ? null : kind.code;
    }

    @Override
    public MediaKind convertToEntityAttribute(String code) {
        return code == null ? null : MediaKind.fromCode(code);
    }
}
