package io.switchboard.dispatch;

/**
 * The wire convention: how any JMS, STOMP, AMQP or OpenWire client dispatches without our code.
 *
 * <p>Send to the queue {@value #DISPATCH_QUEUE} with the string property {@value #TYPE} (required) and optionally
 * {@value #OPERATION}; the body is the argument (JSON unless {@value #CONTENT_TYPE} says otherwise). With
 * {@code JMSReplyTo} set, the reply goes there with {@code JMSCorrelationID} = the request's correlation id, or
 * its message id when it had none, and {@value #STATUS} = {@value #OK} or {@value #ERROR}; an error reply's body
 * is JSON {@code {"error": "...", "message": "..."}}. {@code JMSXGroupID} keeps a group in order.
 */
public final class Wire {

    /** The queue every dispatched message is sent to. */
    public static final String DISPATCH_QUEUE = "switchboard.dispatch";
    /** Where messages no handler understands wait, durably, for one to be deployed. */
    public static final String PARKED_QUEUE = "switchboard.dispatch.parked";
    /** The default dead-letter queue (Artemis's own {@code DLQ}). */
    public static final String DEAD_LETTER_QUEUE = "DLQ";
    /** Replies nobody waits for any more, when the request named no {@link #LATE_REPLY_TYPE}. */
    public static final String LATE_REPLIES = "switchboard.replies.late";

    /** String property: the message type, e.g. {@code shape.circle}. Required. */
    public static final String TYPE = "SB_TYPE";
    /** String property: the operation, e.g. {@code area}. Optional. */
    public static final String OPERATION = "SB_OPERATION";
    /** String property on replies: {@value #OK} or {@value #ERROR}. */
    public static final String STATUS = "SB_STATUS";
    /** String property: the body's media type; absent means {@code application/json}. */
    public static final String CONTENT_TYPE = "SB_CONTENT_TYPE";
    /** String property on a request: the type a late reply is dispatched as (instead of {@link #LATE_REPLIES}). */
    public static final String LATE_REPLY_TYPE = "SB_LATE_REPLY_TYPE";
    /** String property on a request: {@code processed} asks only for an acknowledgement, no reply body. */
    public static final String ACK = "SB_ACK";
    /**
     * String property: the sender's id for the message, the same on every send of it; an idempotent handler sees
     * each id once. Absent, the JMS message id is used. Copies the dispatcher makes (retries, parked, dead letters)
     * carry the original's id here.
     */
    public static final String MESSAGE_ID = "SB_MESSAGE_ID";
    /** Int property: how many times the message was handled and failed so far. */
    public static final String ATTEMPTS = "SB_ATTEMPTS";
    /** Long property on parked messages: when they were first parked (epoch milliseconds). */
    public static final String PARKED_AT = "SB_PARKED_AT";

    /**
     * Dead letters: why ({@code no-type}, {@code no-handler}, {@code bad-payload}, {@code handler-failed},
     * {@code rejected}, {@code timeout}, {@code dispatch-failed}).
     */
    public static final String DLQ_REASON = "SB_DLQ_REASON";
    /** Dead letters: the class of the exception that failed the last attempt. */
    public static final String ERROR_CLASS = "SB_ERROR_CLASS";
    /** Dead letters: its message. */
    public static final String ERROR_MESSAGE = "SB_ERROR_MESSAGE";
    /** Dead letters: the handler that failed ({@code bundle/component}). */
    public static final String HANDLER = "SB_HANDLER";
    /** Dead letters: the queue the message was taken from. */
    public static final String ORIGINAL_QUEUE = "SB_ORIGINAL_QUEUE";

    public static final String OK = "ok";
    public static final String ERROR = "error";

    public static final String NO_TYPE = "no-type";
    public static final String NO_HANDLER = "no-handler";
    public static final String BAD_PAYLOAD = "bad-payload";
    public static final String HANDLER_FAILED = "handler-failed";
    public static final String REJECTED = "rejected";
    public static final String TIMEOUT = "timeout";
    /** The dispatcher itself failed on this message (not its handler): it is set aside so the others go on. */
    public static final String DISPATCH_FAILED = "dispatch-failed";

    private Wire() {
    }
}
