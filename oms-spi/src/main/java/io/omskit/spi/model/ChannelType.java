package io.omskit.spi.model;

/** The kind of sales channel an order came from. An enum: immutable, thread-safe. */
public enum ChannelType {
    WEB, APP, STORE, MARKETPLACE, CALL_CENTER, B2B, OTHER
}
