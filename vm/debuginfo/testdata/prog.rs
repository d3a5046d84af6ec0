// A Rust program for vm/debuginfo's tests, built with -g: its line table,
// functions and the locals of main at the line marked BREAK.
struct Point {
    x: i32,
    y: i32,
}

#[inline(never)]
fn manhattan(p: &Point) -> i32 {
    p.x.abs() + p.y.abs() // MANHATTAN
}

fn main() {
    let p = Point { x: 3, y: -4 };
    let greeting = "hello";
    let ratio = 2.5f64;
    let d = manhattan(&p);
    println!("{} {} {}", d, greeting, ratio); // BREAK
}
