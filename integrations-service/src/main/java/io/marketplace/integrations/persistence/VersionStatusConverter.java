package io.marketplace.integrations.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status as its lower-case API value, so SQL reads the same words as the API. */
@Converter
public class VersionStatusConverter implements AttributeConverter<VersionStatus, String> {

    @Override
    public String convertToDatabaseColumn(VersionStatus status) {
        return status == null ? null : status.code();
    }

    @Override
    public VersionStatus convertToEntityAttribute(String code) {
        return code == null ? null : VersionStatus.valueOf(code.toUpperCase());
    }
}
