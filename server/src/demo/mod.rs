//! Generated data: a small county for a first look at a fresh install (`server generate-demo`),
//! and a province-sized dataset for the report benchmark (`server generate-demo province`).
//! Both are deterministic: the same seed gives the same people.

pub mod county;
pub mod province;

/// A small, seeded random number generator (xorshift64*): enough to vary demo people, and the
/// same for every run.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed.max(1))
    }

    pub fn roll(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.roll() % n
        }
    }

    /// True with `percent` in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_repeat_for_the_same_seed_and_stay_in_range() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        let rolls: Vec<u64> = (0..5).map(|_| a.below(10)).collect();
        assert_eq!(rolls, (0..5).map(|_| b.below(10)).collect::<Vec<_>>());
        assert!(rolls.iter().all(|r| *r < 10));
        let hits = (0..1000).filter(|_| a.chance(30)).count();
        assert!((200..400).contains(&hits), "{hits}");
    }
}
