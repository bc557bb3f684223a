package dev.example;

/** The application the image runs. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello from " + System.getenv("GREETING_FROM"));
  }
}
