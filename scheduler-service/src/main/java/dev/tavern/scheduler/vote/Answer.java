package dev.tavern.scheduler.vote;

public enum Answer {
    YES,
    /** "If need be": counted to reach minPlayers when YES answers fall short. */
    MAYBE,
    NO
}
